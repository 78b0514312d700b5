import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Touch-first button: at least 112 px tall, bold label, a thick ring when focused by keyboard.
Button {
    id: control

    // "primary" (filled), "secondary" (outlined) or "danger" (filled red, for irreversible steps)
    property string kind: "primary"
    readonly property bool filled: kind !== "secondary"
    readonly property color base: kind === "danger" ? Theme.danger : Theme.primary
    readonly property color pressedColor: kind === "danger" ? Theme.dangerPressed
                                                            : Theme.primaryPressed

    Layout.preferredHeight: implicitHeight
    Layout.preferredWidth: implicitWidth
    implicitHeight: Math.max(Theme.px(112), implicitContentHeight + topPadding + bottomPadding)
    implicitWidth: Math.max(Theme.px(360), implicitContentWidth + leftPadding + rightPadding)
    padding: Theme.px(28)
    leftPadding: Theme.px(48)
    rightPadding: Theme.px(48)
    focusPolicy: Qt.StrongFocus
    font.family: Theme.fontFamily
    font.pixelSize: Theme.headingSize
    font.bold: true

    Accessible.role: Accessible.Button
    Accessible.name: text
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.filled ? Theme.onDark : (control.down ? Theme.primaryPressed : Theme.primary)
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        Accessible.ignored: true
    }

    background: Rectangle {
        radius: Theme.px(16)
        color: control.filled ? (control.down ? control.pressedColor : control.base)
                              : (control.down ? Theme.panel : Theme.background)
        border.width: control.filled ? 0 : Theme.px(4)
        border.color: Theme.primary

        Rectangle {
            visible: control.visualFocus
            anchors.fill: parent
            anchors.margins: -Theme.px(10)
            radius: parent.radius + Theme.px(10)
            color: "transparent"
            border.width: Theme.px(6)
            border.color: Theme.focusRing
        }
    }
}
