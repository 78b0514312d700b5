import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// Before the card goes in: what to do, and who can order. Nothing personal is bound here.
FocusScope {
    objectName: "idleScreen"

    required property ScreenModel model
    required property bool portrait

    GridLayout {
        anchors.fill: parent
        columns: parent.portrait ? 1 : 2
        columnSpacing: Theme.margin
        rowSpacing: Theme.margin

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignVCenter
            spacing: Theme.spacing

            Heading {
                large: true
                text: qsTr("Włóż legitymację studencką do czytnika")
            }
            Body {
                text: qsTr("Zamówisz tu mLegitymację — legitymację studencką w aplikacji mObywatel.")
            }
            CardIllustration {
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.spacing
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignVCenter
            implicitHeight: conditions.implicitHeight + 2 * Theme.spacing
            radius: Theme.px(24)
            color: Theme.panel

            ColumnLayout {
                id: conditions
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: Theme.px(20)

                Heading {
                    text: qsTr("Kto może zamówić?")
                }
                Repeater {
                    model: [
                        qsTr("aktywni studenci,"),
                        qsTr("z numerem PESEL i numerem albumu w USOS,"),
                        qsTr("ze zdjęciem w USOS,"),
                        qsTr("z przedłużoną plastikową legitymacją,"),
                        qsTr("których dane osobowe nie zmieniły się od wydania legitymacji.")
                    ]
                    RowLayout {
                        required property string modelData
                        Layout.fillWidth: true
                        spacing: Theme.px(20)
                        Text {
                            Layout.alignment: Qt.AlignTop
                            text: "✓"
                            color: Theme.success
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            font.bold: true
                            Accessible.ignored: true
                        }
                        Body {
                            text: modelData
                        }
                    }
                }
            }
        }
    }
}
