import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// The session is over and the card still in: take it. A cancellation or revocation just done
// is confirmed here (the only thing said about the student's order: nothing personal).
FocusScope {
    id: screen
    objectName: "goodbyeScreen"

    required property ScreenModel model
    required property bool portrait

    Notice {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        // Not a letter: the symbol is not read out; "⏏" says "take the card out".
        symbol: screen.model.goodbyeSuccess ? "✓" : "⏏"
        accent: screen.model.goodbyeSuccess ? Theme.success : Theme.primary
        title: screen.model.goodbyeTitle
        body: screen.model.goodbyeBody
        hint: screen.model.secondsLeft > 0 ? qsTr("Ekran zamknie się za %1 s").arg(screen.model.secondsLeft) : ""
    }
}
