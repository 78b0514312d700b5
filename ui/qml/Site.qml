pragma Singleton
import QtQuick

// What differs from one kiosk to the next, from kiosk.conf (set by Main.qml from the window's
// properties, which els-kiosk fills): where the card reader is and the university's help texts.
QtObject {
    // [accessibility] reader_position: "below", "right" or "left" of the screen.
    property string readerPosition: "below"
    // [help] text_pl/text_en, contact_pl/contact_en; empty: the generic texts only.
    property string helpTextPl
    property string helpTextEn
    property string contactPl
    property string contactEn
}
