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
        body: qsTr("Kiosk ponowi próbę za chwilę. Możesz też spróbować później albo zamówić mLegitymację w USOSweb.")
        hint: qsTr("Wyjmij kartę, jeśli nie chcesz czekać.")
    }
}
