pragma Singleton
import QtQuick

// Colours meet WCAG AA on their backgrounds (body text 16:1, muted 8.9:1, primary button
// 8.3:1, danger 6.6:1, success 6.2:1). Sizes are for a 1080 px short side and scale with it.
QtObject {
    property real scale: 1
    function px(value) { return Math.round(value * scale) }

    readonly property color background: "#ffffff"
    readonly property color text: "#1a1a1a"
    readonly property color muted: "#4a4a4a"
    readonly property color panel: "#eef2f6"
    readonly property color header: "#0b3d6b"
    readonly property color onDark: "#ffffff"
    readonly property color primary: "#0b4f8a"
    readonly property color primaryPressed: "#072f52"
    readonly property color danger: "#b00020"
    readonly property color dangerPressed: "#7a0016"
    readonly property color success: "#1b6e20"
    readonly property color outline: "#6b6b6b"
    readonly property color focusRing: "#1a1a1a"

    readonly property string fontFamily: "DejaVu Sans"
    readonly property string monoFamily: "DejaVu Sans Mono"

    readonly property int titleSize: px(56)
    readonly property int headingSize: px(44)
    readonly property int bodySize: px(34)
    readonly property int smallSize: px(28)
    readonly property int margin: px(64)
    readonly property int spacing: px(32)
}
