import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    id: screen
    objectName: "existingOrderScreen"

    required property ScreenModel model
    required property bool portrait

    // Already added to mObywatel: nothing to activate, only revoke (a new phone) or finish.
    readonly property bool activated: model.orderStatus === "received"

    ColumnLayout {
        anchors.centerIn: parent
        // Large text in landscape leaves too little height for the wide gaps and the wrapped
        // lines: the buttons went under the access bar.
        width: Math.min(parent.width, Theme.px(!screen.portrait && Theme.textScale > 1 ? 1400 : 1100))
        spacing: !screen.portrait && Theme.textScale > 1 ? Theme.spacing : Theme.margin

        Heading {
            large: true
            text: screen.activated ? qsTr("Twoja mLegitymacja jest już aktywna w mObywatelu")
                                   : qsTr("Masz już zamówioną mLegitymację")
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.px(12)
            Body {
                objectName: "orderStatus"
                text: qsTr("Stan zamówienia: %1").arg(screen.model.orderStatusText)
                font.bold: true
            }
            Body {
                small: true
                visible: screen.model.orderDate.length > 0
                text: qsTr("Data zamówienia: %1").arg(screen.model.orderDate)
            }
        }
        StepList {
            Layout.fillWidth: true
            visible: screen.model.orderStep >= 0 && !screen.activated
            current: Math.max(0, screen.model.orderStep)
            steps: [qsTr("Oczekujące"), qsTr("W toku"), qsTr("Gotowe")]
        }
        Body {
            visible: screen.model.canCancel
            text: qsTr("Możesz poczekać na realizację albo anulować zamówienie.")
        }
        Body {
            objectName: "activatedAdvice"
            visible: screen.activated
            text: qsTr("Masz nowy telefon albo mObywatel pokazuje „mLegitymacja nie istnieje”? Unieważnij ją i zamów nową.")
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing

            BigButton {
                objectName: "cancelButton"
                visible: screen.model.canCancel
                kind: "secondary"
                text: qsTr("Anuluj zamówienie")
                onClicked: screen.model.cancel()
            }
            BigButton {
                objectName: "revokeButton"
                visible: screen.model.canRevoke
                kind: "secondary"
                text: qsTr("Unieważnij mLegitymację")
                onClicked: screen.model.revoke()
            }
            BigButton {
                objectName: "doneButton"
                focus: true
                text: qsTr("Zakończ")
                onClicked: screen.model.done()
            }
        }
    }
}
