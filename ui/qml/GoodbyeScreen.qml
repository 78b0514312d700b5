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
        // Not a letter: the symbol is not read out; "⏏" says "take the card out".
        symbol: model.goodbyeSuccess ? "✓" : "⏏"
        accent: model.goodbyeSuccess ? Theme.success : Theme.primary
        title: model.goodbyeTitle
        body: model.goodbyeBody
        hint: model.secondsLeft > 0 ? qsTr("Ekran zamknie się za %1 s").arg(model.secondsLeft) : ""
    }
}
