import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    objectName: "goodbyeScreen"

    required property ScreenModel model
    required property bool portrait

    Notice {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        symbol: "✓"
        accent: Theme.success
        title: qsTr("Wyjmij kartę z czytnika")
        body: qsTr("Dziękujemy! Nie zapomnij legitymacji.")
        hint: model.secondsLeft > 0 ? qsTr("Ekran wróci do początku za %1 s").arg(model.secondsLeft) : ""
    }
}
