import QtQuick
import Els.Kiosk
import QtQuick.Layouts

// The session ended while an order was on its way (card pulled, USOS failing, the deadline
// passed): the order exists, its last known status, and how to get the mLegitymacja later.
// Nothing personal: the next person at the kiosk may read it.
FocusScope {
    id: screen
    objectName: "orderSentScreen"

    required property ScreenModel model
    required property bool portrait

    readonly property bool statusKnown: model.orderStatus.length > 0

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        spacing: Theme.margin

        Notice {
            Layout.fillWidth: true
            symbol: "ℹ" // not the letter i: the read-out and speech would say "i"
            accent: Theme.primary
            title: screen.statusKnown ? qsTr("Twoje zamówienie jest w USOS")
                                      : qsTr("Zamówienie mogło trafić do USOS")
            body: screen.statusKnown
                  ? qsTr("Stan zamówienia: %1").arg(screen.model.orderStatusText)
                  : qsTr("Nie wiemy, czy USOS je przyjął. Gdy włożysz legitymację ponownie, sprawdzimy to i nie zamówimy drugi raz.")
            hint: qsTr("Aby zobaczyć kod QR, włóż legitymację ponownie (także później) albo sprawdź USOSweb lub aplikację mObywatel.")
        }
        BigButton {
            objectName: "doneButton"
            Layout.alignment: Qt.AlignHCenter
            focus: true
            kind: "secondary"
            text: qsTr("Zakończ")
            onClicked: screen.model.done()
        }
    }
}
