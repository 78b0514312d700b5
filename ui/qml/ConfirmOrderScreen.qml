import QtQuick
import Els.Kiosk
import QtQuick.Layouts

FocusScope {
    objectName: "confirmOrderScreen"

    required property ScreenModel model
    required property bool portrait

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.px(1200))
        spacing: Theme.margin

        Heading {
            large: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Dzień dobry!")
        }
        // A label, not a greeting: Polish would need the name's vocative.
        Body {
            objectName: "firstName"
            visible: model.firstName.length > 0
            small: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Imię z legitymacji: %1").arg(model.firstName)
        }
        Body {
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Twoja legitymacja jest ważna i możesz zamówić mLegitymację — legitymację studencką w aplikacji mObywatel.")
        }
        BigButton {
            objectName: "orderButton"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredHeight: Theme.px(160)
            Layout.preferredWidth: Math.min(parent.width, Theme.px(820))
            focus: true
            text: qsTr("Zamów mLegitymację")
            font.pixelSize: Theme.titleSize
            onClicked: model.order()
        }
        BigButton {
            objectName: "doneButton"
            Layout.alignment: Qt.AlignHCenter
            kind: "secondary"
            text: qsTr("Zakończ")
            onClicked: model.done()
        }
    }
}
