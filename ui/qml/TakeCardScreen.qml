import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// The session is over but a legitymacja is still in the reader: it carries a name and PESEL,
// and the next student would find the slot taken. Stays until the card is out; after a while
// the engine raises an alert (cardAlert), which the kiosk also sounds.
FocusScope {
    id: screen
    objectName: "takeCardScreen"

    required property ScreenModel model
    required property bool portrait

    Notice {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        symbol: "!"
        accent: screen.model.cardAlert ? Theme.danger : Theme.primary
        title: qsTr("Wyjmij legitymację z czytnika")
        body: qsTr("Twoja legitymacja jest nadal w czytniku. Zabierz ją, aby nikt inny jej nie wziął.")
        hint: screen.model.cardAlert ? qsTr("Legitymacja wciąż jest w czytniku!") : ""
    }
}
