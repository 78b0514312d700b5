import QtQuick
import Els.Kiosk
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Before the card goes in: what to do, and who can order. Nothing personal is bound here.
FocusScope {
    id: screen
    objectName: "idleScreen"

    required property ScreenModel model
    required property bool portrait

    GridLayout {
        id: grid
        anchors.centerIn: parent
        width: parent.width
        columns: parent.portrait ? 1 : 2
        columnSpacing: Theme.margin
        rowSpacing: Theme.margin

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignVCenter
            spacing: Theme.spacing

            Heading {
                id: title
                large: true
                text: qsTr("Włóż legitymację studencką do czytnika")
            }
            Body {
                id: intro
                text: qsTr("Zamówisz tu mLegitymację — legitymację studencką w aplikacji mObywatel.")
            }
            Body {
                id: readerWhere
                objectName: "readerWhere"
                text: {
                    switch (Site.readerPosition) {
                    case "right": return qsTr("Czytnik jest na prawo od ekranu.")
                    case "left": return qsTr("Czytnik jest na lewo od ekranu.")
                    default: return qsTr("Czytnik jest pod ekranem.")
                    }
                }
            }
            CardIllustration {
                objectName: "cardIllustration"
                Layout.alignment: Qt.AlignHCenter
                // Smaller where the room is short (landscape, large text): the height the texts
                // leave, within a range where the card and the slot still read as such.
                readonly property real fullSize: (screen.portrait ? 1 : 0.6) * (Theme.textScale > 1 ? 0.8 : 1)
                readonly property real room: screen.height - title.implicitHeight - intro.implicitHeight
                                             - readerWhere.implicitHeight - 3 * Theme.spacing
                                             - (screen.portrait ? grid.rowSpacing + conditionsPane.implicitHeight : 0)
                size: Math.max(0.4, Math.min(fullSize, room / Theme.px(vertical ? 560 : 320)))
            }
        }

        // A Pane sizes itself from its content, so re-wrapped (retranslated) lines grow the panel.
        Pane {
            id: conditionsPane
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            Layout.alignment: Qt.AlignVCenter
            padding: Theme.spacing
            background: Rectangle {
                radius: Theme.px(24)
                color: Theme.panel
            }

            // Positioners, not layouts: wrapped lines must follow the width when the
            // orientation or language changes, which Qt Quick Layouts do not re-measure.
            Column {
                id: conditions
                width: parent.width
                spacing: Theme.px(20)

                Heading {
                    width: parent.width
                    text: qsTr("Kto może zamówić?")
                }
                Repeater {
                    id: conditionList
                    readonly property var texts: [
                        qsTr("aktywni studenci,"),
                        qsTr("z numerem PESEL i numerem albumu w USOS,"),
                        qsTr("ze zdjęciem w USOS,"),
                        qsTr("z przedłużoną plastikową legitymacją,"),
                        qsTr("których dane osobowe nie zmieniły się od wydania legitymacji.")
                    ]
                    // A count, so retranslation updates texts without recreating delegates.
                    model: texts.length
                    Item {
                        required property int index
                        width: conditions.width
                        height: condition.height
                        Text {
                            id: tick
                            text: "✓"
                            color: Theme.success
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.bodySize
                            font.bold: true
                            Accessible.ignored: true
                        }
                        Body {
                            id: condition
                            x: tick.width + Theme.px(20)
                            width: parent.width - x
                            text: conditionList.texts[parent.index]
                        }
                    }
                }
            }
        }
    }
}
