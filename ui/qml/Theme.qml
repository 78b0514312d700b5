pragma Singleton
import QtQuick

// Colours meet WCAG AA on their backgrounds (body text 16:1, muted 8.9:1, primary button
// 8.3:1, danger 6.6:1, success 6.2:1). Sizes are for a 1080 px short side and scale with it.
QtObject {
    property real scale: 1
    // 1, or largeTextScale while the student has "large text" on (for the rest of the session).
    property real textScale: 1
    readonly property real largeTextScale: 1.25
    function px(value) { return Math.round(value * scale) }
    // A font size that follows the student's text size too: the running text (instructions,
    // notes, countdowns). Headings, titles and button labels are 44 px and more already and keep
    // their size, so that every screen still fits.
    function textPx(value) { return Math.round(value * scale * textScale) }

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

    // The smallest text carries instructions too (countdowns, notes, the access bar): 36 px at
    // least on a 1080 px short side, readable from a wheelchair's distance.
    readonly property int titleSize: px(56)
    readonly property int headingSize: px(44)
    readonly property int bodySize: textPx(38)
    readonly property int smallSize: textPx(36)
    readonly property int margin: px(64)
    readonly property int spacing: px(32)
}
