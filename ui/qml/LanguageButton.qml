import QtQuick
import QtQuick.Controls.Basic

// One language of the PL/EN switch in the access bar; the selected one is filled.
Button {
    id: control

    property string code
    property string languageName
    property bool selected: false
    // Sizes for a 1080 px short side are multiplied by this (the access bar's unit).
    property real unit: 1
    function u(value) { return Math.round(value * unit) }

    implicitWidth: Math.max(control.u(112), implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(control.u(80), implicitContentHeight + topPadding + bottomPadding)
    padding: control.u(8)
    leftPadding: control.u(20)
    rightPadding: control.u(20)
    focusPolicy: Qt.StrongFocus
    text: code.toUpperCase()
    font.family: Theme.fontFamily
    font.pixelSize: u(36)
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
        color: control.selected ? Theme.onDark : Theme.primary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        Accessible.ignored: true
    }

    background: Rectangle {
        radius: control.u(12)
        color: control.selected ? Theme.primary : Theme.background
        border.width: control.u(4)
        border.color: Theme.primary

        Rectangle {
            visible: control.visualFocus
            anchors.fill: parent
            anchors.margins: -control.u(8)
            radius: parent.radius + control.u(8)
            color: "transparent"
            border.width: control.u(5)
            border.color: Theme.focusRing
        }
    }
}
