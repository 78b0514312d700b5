#include <QMetaEnum>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSaveFile>
#include <els/ui/screen-model.hpp>
#include <els/ui/screen-readout.hpp>
#include <els/ui/visible-content.hpp>
#include <mutex>

namespace els::ui {

namespace {

QString screenName(ScreenModel::Screen screen) {
    return QString::fromLatin1(
        QMetaEnum::fromType<ScreenModel::Screen>().valueToKey(static_cast<int>(screen)));
}

// The keyboard's target: a button by its label, another item by its object name or type.
QString focusName(const QQuickItem* item) {
    if (!item)
        return QStringLiteral("none");
    const auto text = item->property("text").toString().simplified();
    if (item->inherits("QQuickAbstractButton") && !text.isEmpty())
        return QStringLiteral("button ") + text;
    return item->objectName().isEmpty() ? QString::fromLatin1(item->metaObject()->className())
                                        : item->objectName();
}

} // namespace

ScreenReadout::ScreenReadout(const ScreenModel& model, QQuickWindow& window, const QString& dir)
    : model_(model), window_(window), dir_(dir) {
    dir_.mkpath(QStringLiteral("."));
    // Described while the scene graph is synchronised with the items, i.e. exactly what the
    // frame about to be drawn shows: on the render thread while the GUI thread is blocked (or on
    // the GUI thread with the basic render loop), so reading the items here is safe. Written
    // after the frame is on screen.
    connect(
        &window_, &QQuickWindow::beforeSynchronizing, this,
        [this] {
            auto now = describe();
            const std::lock_guard lock(mutex_);
            if (now != last_) {
                last_ = now;
                pending_.append(std::move(now));
            }
        },
        Qt::DirectConnection);
    connect(&window_, &QQuickWindow::frameSwapped, this, &ScreenReadout::frameDrawn,
            Qt::QueuedConnection);
}

QString ScreenReadout::describe() const {
    const auto* root = window_.contentItem();
    const auto children = root->childItems();
    const QSizeF view = children.isEmpty() ? QSizeF() : children.first()->size();
    QStringList lines{
        QStringLiteral("screen: ") + screenName(model_.screen()),
        QStringLiteral("language: ") + model_.language(),
        QStringLiteral("window: %1x%2").arg(window_.width()).arg(window_.height()),
        QStringLiteral("view: %1x%2").arg(view.width()).arg(view.height()),
        QStringLiteral("focus: ") + focusName(window_.activeFocusItem()),
    };
    for (const auto& element : visibleContent(*root)) {
        switch (element.kind) {
        case VisibleElement::Kind::Text:
            lines << QStringLiteral("text: ") + element.value;
            break;
        case VisibleElement::Kind::Image:
            // A QR's source carries its payload: named, never written out.
            lines << QStringLiteral("image: ") +
                         (element.value.startsWith(QLatin1String("image://qr/"))
                              ? QStringLiteral("qr-code")
                              : element.value);
            break;
        case VisibleElement::Kind::Button:
            lines << QStringLiteral("button: %1 %2 %3 %4 %5")
                         .arg(element.box.x())
                         .arg(element.box.y())
                         .arg(element.box.width())
                         .arg(element.box.height())
                         .arg(element.value);
            break;
        }
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void ScreenReadout::frameDrawn() {
    QStringList drawn;
    {
        const std::lock_guard lock(mutex_);
        drawn.swap(pending_);
    }
    for (const auto& readout : drawn) {
        QSaveFile file(
            dir_.filePath(QStringLiteral("%1.txt").arg(++written_, 4, 10, QLatin1Char('0'))));
        if (file.open(QIODevice::WriteOnly)) {
            file.write(readout.toUtf8());
            file.commit();
        }
    }
}

} // namespace els::ui
