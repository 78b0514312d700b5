import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// The title, on every screen. The language switch is in the access bar at the bottom, within
// reach from a wheelchair.
Rectangle {
    id: header

    required property ScreenModel model

    implicitHeight: Theme.px(128)
    color: Theme.header

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.px(4)

            Text {
                text: "mLegitymacja"
                color: Theme.onDark
                font.family: Theme.fontFamily
                font.pixelSize: Theme.headingSize
                font.bold: true
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Kiosk legitymacji studenckiej")
                color: Theme.onDark
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                elide: Text.ElideRight
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }
    }
}
