import QtQuick
import QtQuick.Layouts
import Els.Kiosk

// "Pomoc" / "Help" over the current screen: what the kiosk does, where to find help (the
// university's own text from [help]) and what happens to the student's data. Closing it shows
// the screen that was there; it is UI state only, the session goes on underneath.
FocusScope {
    id: help
    objectName: "helpScreen"

    required property ScreenModel model
    required property bool portrait
    // ScreenSpeaker reads this instead of the screen below while it is shown.
    readonly property bool speechOverlay: true
    readonly property bool english: model.language === "en"

    signal closeRequested()

    Rectangle {
        anchors.fill: parent
        color: Theme.background
        // Taps must not reach the screen underneath.
        MouseArea { anchors.fill: parent }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: help.portrait ? Theme.margin : Theme.px(40)
        anchors.bottomMargin: help.portrait ? Theme.margin : Theme.px(40)
        spacing: help.portrait ? Theme.spacing : Theme.px(20)

        Heading {
            large: true
            text: qsTr("Pomoc")
        }

        GridLayout {
            Layout.fillWidth: true
            columns: help.portrait ? 1 : 2
            columnSpacing: Theme.margin
            rowSpacing: help.portrait ? Theme.spacing : Theme.px(20)

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.px(16)

                Heading { text: qsTr("Co robi ten kiosk?") }
                Body {
                    text: qsTr("Tu zamówisz mLegitymację — legitymację studencką w aplikacji "
                               + "mObywatel. Sprawdzamy Twoją legitymację w USOS i pokazujemy kod QR dla "
                               + "aplikacji mObywatel.")
                }
                Body {
                    objectName: "helpSiteText"
                    visible: text !== ""
                    text: help.english ? Site.helpTextEn : Site.helpTextPl
                }
                Heading { text: qsTr("Gdzie szukać pomocy?") }
                Body {
                    objectName: "helpContact"
                    text: {
                        const own = help.english ? Site.contactEn : Site.contactPl
                        return own !== "" ? own
                                          : qsTr("W dziekanacie albo w punkcie pomocy IT uczelni.")
                    }
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.px(16)

                Heading { text: qsTr("Twoje dane") }
                Body {
                    objectName: "privacyNotice"
                    text: qsTr("Z chipu legitymacji odczytujemy imiona, nazwisko, PESEL, numer albumu "
                               + "i datę ważności. Porównujemy je z danymi w USOS. Po zakończeniu "
                               + "niczego nie zachowujemy: dziennik kiosku nie zawiera danych osobowych.")
                }
            }
        }

        Item { Layout.fillHeight: true }

        BigButton {
            objectName: "closeHelpButton"
            Layout.alignment: Qt.AlignHCenter
            focus: true
            kind: "secondary"
            text: qsTr("Zamknij pomoc")
            onClicked: help.closeRequested()
        }
    }
}
