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
        title: qsTr("Czytnik kart jest niedostępny")
        body: qsTr("Kiosk próbuje go przywrócić i wróci do pracy sam. Jeśli to potrwa, zgłoś to obsłudze.")
        hint: qsTr("mLegitymację możesz też zamówić w USOSweb.")
    }
}
