#pragma once

#include <QList>
#include <QRect>
#include <QString>

class QQuickItem;

namespace els::ui {

// One thing a passer-by sees in an item tree, in tree (reading) order.
struct VisibleElement {
    enum class Kind { Text, Image, Button };
    Kind kind;
    QString value; // the text (simplified), the image source, or the button's label
    QRect box;     // in window (scene) coordinates
};

// The visible texts, images and buttons under `root` (a button counts once, by its label).
QList<VisibleElement> visibleContent(const QQuickItem& root);

} // namespace els::ui
