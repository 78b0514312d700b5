#include <QQuickItem>
#include <els/ui/visible-content.hpp>

namespace els::ui {

namespace {

void collect(const QQuickItem& item, QList<VisibleElement>& out) {
    if (!item.isVisible() || item.opacity() <= 0.0)
        return;
    const auto box = item.mapRectToScene(QRectF(0, 0, item.width(), item.height())).toRect();
    const auto text = item.property("text").toString().simplified();
    if (item.inherits("QQuickAbstractButton")) {
        out.append({VisibleElement::Kind::Button, text, box});
        return; // its label is the button's text
    }
    if (!text.isEmpty())
        out.append({VisibleElement::Kind::Text, text, box});
    const auto source = item.property("source").toString();
    if (!source.isEmpty())
        out.append({VisibleElement::Kind::Image, source, box});
    for (const auto* child : item.childItems())
        collect(*child, out);
}

} // namespace

QList<VisibleElement> visibleContent(const QQuickItem& root) {
    QList<VisibleElement> out;
    collect(root, out);
    return out;
}

} // namespace els::ui
