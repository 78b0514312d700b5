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

    readonly property bool confirmed: model.orderStatus === "cancelled"
                                      || model.orderStatus === "revoked"

    Notice {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        symbol: screen.confirmed ? "✓" : "i"
        accent: screen.confirmed ? Theme.success : Theme.primary
        title: qsTr("Wyjmij legitymację z czytnika")
        body: screen.model.orderStatus === "cancelled" ? qsTr("Zamówienie anulowane.")
              : screen.model.orderStatus === "revoked" ? qsTr("mLegitymacja unieważniona.")
              : qsTr("Nie zapomnij legitymacji.")
        hint: screen.model.secondsLeft > 0
              ? qsTr("Ekran zamknie się za %1 s").arg(screen.model.secondsLeft) : ""
    }
}
