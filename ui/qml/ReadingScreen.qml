import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    objectName: "readingScreen"

    required property ScreenModel model
    required property bool portrait

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width
        spacing: Theme.spacing

        Spinner {
            Layout.alignment: Qt.AlignHCenter
            description: qsTr("Trwa odczyt")
        }
        Heading {
            large: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Sprawdzamy legitymację…")
        }
        Body {
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Nie wyjmuj legitymacji z czytnika.")
        }
    }
}
