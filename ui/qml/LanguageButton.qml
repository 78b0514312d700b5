import QtQuick
import QtQuick.Controls.Basic

Button {
    id: control

    property string code
    property string languageName
    property bool selected: false

    implicitWidth: Theme.px(112)
    implicitHeight: Theme.px(80)
    focusPolicy: Qt.StrongFocus
    text: code.toUpperCase()
    font.family: Theme.fontFamily
    font.pixelSize: Theme.smallSize
    font.bold: true

    // The language's own name, so each option is understood by the people who need it.
    Accessible.role: Accessible.Button
    Accessible.name: languageName
    Accessible.checkable: true
    Accessible.checked: selected
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.selected ? Theme.header : Theme.onDark
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        Accessible.ignored: true
    }

    background: Rectangle {
        radius: Theme.px(12)
        color: control.selected ? Theme.onDark : "transparent"
        border.width: Theme.px(3)
        border.color: Theme.onDark

        Rectangle {
            visible: control.visualFocus
            anchors.fill: parent
            anchors.margins: -Theme.px(8)
            radius: parent.radius + Theme.px(8)
            color: "transparent"
            border.width: Theme.px(5)
            border.color: "#ffbf47"
        }
    }
}
