import QtQuick

// The student card sliding, chip first, into the reader's slot on the side where the kiosk's
// reader is (Site.readerPosition: below, right or left of the screen), with an arrow pointing
// there: says "insert it here, this way round" without words. Slow and smooth, no flashing (WCAG
// 2.3.1): one unhurried move in, a rest, and back. It plays once, in 5 s at most, when shown and
// again when touched: motion that starts by itself and lasts longer would need a pause control
// (WCAG 2.2.2), and the arrow and the caption say the same at rest.
Item {
    id: art

    property string readerPosition: Site.readerPosition
    // Smaller where the screen is short (landscape).
    property real size: 1
    function u(value) { return Theme.px(value * size) }
    readonly property bool vertical: readerPosition !== "right" && readerPosition !== "left"
    // 0: the card out, 1: the card half in the slot.
    property real progress: 0
    readonly property int loopDuration: 5000
    readonly property alias animating: motion.running

    implicitWidth: vertical ? art.u(420) : art.u(660)
    implicitHeight: vertical ? art.u(560) : art.u(320)
    Accessible.ignored: true

    // Drawn for a reader on the right (or below); mirrored for the left.
    transform: Scale {
        origin.x: art.width / 2
        xScale: art.readerPosition === "left" ? -1 : 1
    }

    // The slot, and the arrow beyond it pointing at the reader.
    Rectangle {
        id: slot
        objectName: "readerSlot"
        width: art.vertical ? art.u(320) : art.u(30)
        height: art.vertical ? art.u(30) : art.u(320)
        x: art.vertical ? (art.width - width) / 2 : art.width - art.u(130) - width
        y: art.vertical ? art.height - art.u(130) - height : (art.height - height) / 2
        radius: art.u(8)
        color: Theme.text
    }
    Text {
        objectName: "readerArrow"
        text: art.vertical ? "↓" : "→"
        color: Theme.primary
        font.family: Theme.fontFamily
        font.pixelSize: art.u(100)
        font.bold: true
        x: art.vertical ? (art.width - width) / 2 : slot.x + slot.width + art.u(16)
        y: art.vertical ? slot.y + slot.height : (art.height - height) / 2
        Accessible.ignored: true
    }

    // Up to the slot's middle: the part of the card past it is in the reader, hidden.
    Item {
        id: track
        clip: true
        width: art.vertical ? art.width : slot.x + slot.width / 2
        height: art.vertical ? slot.y + slot.height / 2 : art.height

        Rectangle {
            id: card
            objectName: "insertCard"
            // The short edge with the chip goes in first.
            width: art.vertical ? art.u(240) : art.u(380)
            height: art.vertical ? art.u(380) : art.u(240)
            x: art.vertical ? (track.width - width) / 2
                            : art.progress * (track.width - width * 0.45)
            y: art.vertical ? art.progress * (track.height - height * 0.45)
                            : (track.height - height) / 2
            radius: art.u(20)
            color: "#dce8f5"
            border.width: art.u(4)
            border.color: Theme.primary

            Rectangle {
                // The chip, near the leading edge.
                x: art.vertical ? (card.width - width) / 2 : card.width - width - art.u(40)
                y: art.vertical ? card.height - height - art.u(40) : (card.height - height) / 2
                width: art.vertical ? art.u(84) : art.u(66)
                height: art.vertical ? art.u(66) : art.u(84)
                radius: art.u(10)
                color: "#c9a227"
                border.width: art.u(3)
                border.color: "#7a5c00"
            }
            Repeater {
                model: 3
                Rectangle {
                    required property int index
                    x: art.vertical ? art.u(40) + index * art.u(34) : art.u(40)
                    y: art.vertical ? art.u(40) : art.u(50) + index * art.u(34)
                    width: art.vertical ? art.u(14) : art.u(index === 2 ? 110 : 170)
                    height: art.vertical ? art.u(index === 2 ? 110 : 170) : art.u(14)
                    radius: art.u(7)
                    color: "#9fb6cf"
                }
            }
        }
    }

    TapHandler {
        onTapped: motion.restart()
    }

    SequentialAnimation {
        id: motion
        running: Qt.application.state === Qt.ApplicationActive
        NumberAnimation {
            target: art; property: "progress"; from: 0; to: 1
            duration: art.loopDuration * 0.35; easing.type: Easing.InOutSine
        }
        PauseAnimation { duration: art.loopDuration * 0.2 }
        NumberAnimation {
            target: art; property: "progress"; from: 1; to: 0
            duration: art.loopDuration * 0.3; easing.type: Easing.InOutSine
        }
        PauseAnimation { duration: art.loopDuration * 0.15 }
    }
}
