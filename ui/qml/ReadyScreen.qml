import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// The QR code and activation code beside the mObywatel steps. Portrait stacks them;
// landscape puts the codes left and the steps right.
FocusScope {
    id: screen
    objectName: "readyScreen"

    required property ScreenModel model
    required property bool portrait
    // Large text in landscape: the steps' column is too short for the dates too (the buttons went
    // under the access bar), the codes' column beside it has room for them under the smaller QR.
    readonly property bool datesWithCodes: !portrait && Theme.textScale > 1
    // Large text in portrait: tighter gaps, so that the buttons stay clear of the timeout bar.
    readonly property int gap: portrait && Theme.textScale > 1 ? Theme.px(12) : Theme.px(24)

    // Created once, in whichever column has room for it.
    Component {
        id: dates
        GridLayout {
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: screen.gap > Theme.px(12) ? Theme.px(8) : 0

            Body { small: true; Layout.fillWidth: false; text: qsTr("Data zamówienia:") }
            Body { objectName: "orderDate"; text: screen.model.orderDate; font.bold: true }
            Body { small: true; Layout.fillWidth: false; text: qsTr("Termin ważności:") }
            Body { objectName: "expirationDate"; text: screen.model.expirationDate; font.bold: true }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: screen.gap

        Heading {
            horizontalAlignment: screen.portrait ? Text.AlignHCenter : Text.AlignLeft
            text: qsTr("Twoja mLegitymacja jest gotowa")
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.portrait ? 1 : 2
            columnSpacing: Theme.margin
            rowSpacing: screen.gap

            // The codes: side by side in portrait (stacked they pushed the buttons under the
            // access bar), one above the other in the narrow left column of landscape.
            GridLayout {
                Layout.alignment: Qt.AlignTop | (screen.portrait ? Qt.AlignHCenter : Qt.AlignLeft)
                Layout.fillWidth: screen.portrait
                columns: screen.portrait ? 2 : 1
                columnSpacing: Theme.spacing
                rowSpacing: screen.gap

                QrView {
                    objectName: "tokenQr"
                    Layout.alignment: Qt.AlignVCenter | Qt.AlignHCenter
                    // Smaller with large text, so that the steps still fit; a phone reads it
                    // from 340 px (8 px per module) as well.
                    Layout.preferredWidth: Theme.px(Theme.textScale > 1 ? (screen.portrait ? 340 : 360) : (screen.portrait ? 440 : 540))
                    Layout.preferredHeight: Layout.preferredWidth
                    source: screen.model.qrSource
                    description: qsTr("Kod QR do zeskanowania w aplikacji mObywatel")
                }

                Rectangle {
                    id: codeBox
                    Layout.alignment: Qt.AlignVCenter | Qt.AlignHCenter
                    Layout.fillWidth: screen.portrait
                    Layout.preferredWidth: Theme.px(600)
                    implicitHeight: codeColumn.implicitHeight + Theme.px(32)
                    radius: Theme.px(16)
                    color: Theme.panel

                    ColumnLayout {
                        id: codeColumn
                        anchors.centerIn: parent
                        spacing: Theme.px(4)

                        Body {
                            small: true
                            horizontalAlignment: Text.AlignHCenter
                            text: qsTr("Kod aktywacyjny")
                        }
                        // The clone policy sent the code by e-mail: where it went, not the code.
                        Body {
                            objectName: "activationCodeNote"
                            visible: screen.model.activationCode === ""
                            Layout.preferredWidth: codeBox.width - Theme.px(48)
                            horizontalAlignment: Text.AlignHCenter
                            text: screen.model.activationCodeNote
                        }
                        Text {
                            objectName: "activationCode"
                            visible: screen.model.activationCode !== ""
                            Layout.alignment: Qt.AlignHCenter
                            // A long code breaks between its groups of four in the narrow box.
                            Layout.maximumWidth: codeBox.width - Theme.px(48)
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.WordWrap
                            text: screen.model.activationCodeGrouped
                            color: Theme.text
                            font.family: Theme.monoFamily
                            font.pixelSize: Theme.px(60)
                            font.bold: true
                            font.letterSpacing: Theme.px(2)
                            Accessible.role: Accessible.StaticText
                            // Read out character by character, as it has to be typed.
                            Accessible.name: qsTr("Kod aktywacyjny: %1")
                                             .arg(screen.model.activationCode.split("").join(" "))
                        }
                    }
                }

                Loader {
                    Layout.fillWidth: true
                    active: screen.datesWithCodes
                    visible: active
                    sourceComponent: dates
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.alignment: Qt.AlignTop
                spacing: screen.gap

                Loader {
                    Layout.fillWidth: true
                    active: !screen.datesWithCodes
                    visible: active
                    sourceComponent: dates
                }

                StepList {
                    objectName: "mobywatelSteps"
                    Layout.fillWidth: true
                    markerSize: Theme.px(52)
                    spacing: screen.gap > Theme.px(12) ? Theme.px(14) : 0
                    steps: screen.model.mObywatelSteps
                }

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing

                    QrView {
                        objectName: "downloadQr"
                        Layout.preferredWidth: Theme.px(150)
                        Layout.preferredHeight: Theme.px(150)
                        source: screen.model.downloadQrSource
                        description: qsTr("Kod QR ze stroną pobierania aplikacji mObywatel")
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: Theme.px(4)
                        Body {
                            small: true
                            text: qsTr("Nie masz aplikacji mObywatel? Zeskanuj ten kod, aby ją pobrać:")
                        }
                        Body {
                            small: true
                            text: screen.model.downloadUrl
                            font.family: Theme.monoFamily
                        }
                    }
                }

                // Buttons at the bottom where there is room; where there is none, not even its gap.
                Item { Layout.fillHeight: true; visible: screen.gap > Theme.px(12) }

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing

                    BigButton {
                        objectName: "doneButton"
                        focus: true
                        text: qsTr("Zakończ")
                        onClicked: screen.model.done()
                    }
                    // A new phone, or mObywatel says "mLegitymacja nie istnieje": revoke (with
                    // a question first) and order again. Beside the main action, its label
                    // wraps rather than pushing the row off a portrait screen.
                    BigButton {
                        objectName: "revokeButton"
                        visible: screen.model.canRevoke
                        Layout.fillWidth: true
                        Layout.minimumWidth: Theme.px(300)
                        Layout.maximumWidth: implicitWidth
                        kind: "secondary"
                        font.pixelSize: Theme.bodySize
                        leftPadding: Theme.px(24)
                        rightPadding: Theme.px(24)
                        text: qsTr("Unieważnij mLegitymację")
                        onClicked: screen.model.revoke()
                    }
                }
            }
        }
    }
}
