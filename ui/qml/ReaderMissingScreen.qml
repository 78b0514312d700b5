import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    objectName: "readerMissingScreen"

    required property ScreenModel model
    required property bool portrait

    Notice {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        symbol: "!"
        accent: Theme.danger
        title: qsTr("Czytnik jest niedostępny")
        body: qsTr("Próbujemy przywrócić go do działania. Jeśli potrwa to dłużej, zgłoś to w dziekanacie.")
        hint: qsTr("mLegitymację możesz też zamówić w USOSweb.")
    }
}
