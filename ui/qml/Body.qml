import QtQuick
import QtQuick.Layouts

Text {
    property bool small: false
    Layout.fillWidth: true
    // Follow the wrapped height: a retranslated text can gain a line at the same width.
    Layout.preferredHeight: contentHeight
    color: small ? Theme.muted : Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: small ? Theme.smallSize : Theme.bodySize
    wrapMode: Text.WordWrap
    lineHeight: 1.15
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
