import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    objectName: "serviceUnavailableScreen"

    required property ScreenModel model
    required property bool portrait

    Notice {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        symbol: "!"
        accent: Theme.danger
        title: qsTr("USOS jest chwilowo niedostępny")
        body: qsTr("Spróbujemy ponownie za chwilę; możesz też spróbować później lub zamówić mLegitymację w USOSweb.")
        hint: qsTr("Jeśli nie chcesz czekać, wyjmij legitymację z czytnika.")
    }
}
