import QtQuick
import Els.Kiosk
import QtQuick.Controls.Basic
import QtQuick.Layouts

FocusScope {
    objectName: "readingScreen"

    required property ScreenModel model
    required property bool portrait

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width
        spacing: Theme.spacing

        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.px(160)
            Layout.preferredHeight: Theme.px(160)
            running: true
            Accessible.name: qsTr("Trwa odczyt")
        }
        Heading {
            large: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Sprawdzam legitymację…")
        }
        Body {
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Nie wyjmuj karty z czytnika.")
        }
    }
}
