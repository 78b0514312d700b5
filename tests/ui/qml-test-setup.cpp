// QtQuickTest entry for the screens: exposes a `fixture` with a real ScreenModel, the real
// language switch and the QR provider, plus helpers that inspect the item tree the way an
// accessibility audit would (names of controls, visible text, clipping).
#include <QAccessible>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>
#include <els/ui/language-switch.hpp>
#include <els/ui/preview-states.hpp>
#include <els/ui/qr-image-provider.hpp>
#include <els/ui/screen-model.hpp>

Q_IMPORT_QML_PLUGIN(Els_KioskPlugin)

namespace {

void collect(QQuickItem* item, QList<QQuickItem*>& out) {
    if (!item->isVisible())
        return;
    out.append(item);
    for (auto* child : item->childItems())
        collect(child, out);
}

QList<QQuickItem*> visibleItems(QQuickItem* root) {
    QList<QQuickItem*> items;
    if (root)
        collect(root, items);
    return items;
}

bool isText(const QQuickItem* item) {
    return item->inherits("QQuickText");
}

bool isControl(const QQuickItem* item) {
    return item->inherits("QQuickAbstractButton") || item->activeFocusOnTab();
}

class Fixture : public QObject {
    Q_OBJECT
    Q_PROPERTY(els::ui::ScreenModel* model READ model CONSTANT)

public:
    explicit Fixture(QQmlEngine& engine) : language_(engine) {
        connect(&model_, &els::ui::ScreenModel::languageChanged, &language_,
                &els::ui::LanguageSwitch::apply);
    }

    els::ui::ScreenModel* model() { return &model_; }

    Q_INVOKABLE QStringList stateNames() const {
        QStringList names;
        for (const auto& s : els::ui::previewStates())
            names << QString::fromStdString(s.name);
        return names;
    }

    Q_INVOKABLE bool show(const QString& name) {
        for (const auto& s : els::ui::previewStates()) {
            if (QString::fromStdString(s.name) == name) {
                model_.apply(s.state);
                return true;
            }
        }
        return false;
    }

    // An idle state that still carries a session's leftovers: the idle screen must not show them.
    Q_INVOKABLE void showIdleWithLeftovers() {
        auto state = els::ui::previewStates().at(6).state; // "ready"
        state.screen = els::kiosk::Screen::Idle;
        model_.apply(state);
    }

    Q_INVOKABLE void reset() {
        model_.apply({});
        model_.setLanguage(QStringLiteral("pl"));
    }

    Q_INVOKABLE int controlCount(QQuickItem* root) const {
        int n = 0;
        for (auto* item : visibleItems(root))
            n += isControl(item) ? 1 : 0;
        return n;
    }

    // Controls whose accessible name (as an assistive technology reads it) is empty.
    Q_INVOKABLE QStringList unnamedControls(QQuickItem* root) const {
        QStringList unnamed;
        for (auto* item : visibleItems(root)) {
            if (!isControl(item))
                continue;
            auto* iface = QAccessible::queryAccessibleInterface(item);
            if (!iface || iface->text(QAccessible::Name).trimmed().isEmpty())
                unnamed << (item->objectName().isEmpty()
                                ? QString::fromLatin1(item->metaObject()->className())
                                : item->objectName());
        }
        return unnamed;
    }

    Q_INVOKABLE QString accessibleName(QQuickItem* item) const {
        auto* iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
        return iface ? iface->text(QAccessible::Name) : QString();
    }

    // Exactly what the text items hold, no-break spaces included.
    Q_INVOKABLE QString rawText(QQuickItem* root) const {
        QStringList texts;
        for (auto* item : visibleItems(root)) {
            if (isText(item) && item->opacity() > 0)
                texts << item->property("text").toString();
        }
        return texts.join(QLatin1Char('\n'));
    }

    // As a reader sees it: no-break spaces (Polish typography) as plain spaces.
    Q_INVOKABLE QString visibleText(QQuickItem* root) const {
        QStringList texts;
        for (auto* item : visibleItems(root)) {
            if (isText(item) && item->opacity() > 0)
                texts << item->property("text").toString().simplified();
        }
        return texts.join(QLatin1Char('\n'));
    }

    // Texts that are elided, overflow their own box, or stick out of `root`.
    Q_INVOKABLE QStringList clippedTexts(QQuickItem* root) const {
        QStringList clipped;
        const QRectF bounds = QRectF(0, 0, root->width(), root->height()).adjusted(-1, -1, 1, 1);
        for (auto* item : visibleItems(root)) {
            if (!isText(item) || item->property("text").toString().isEmpty())
                continue;
            const QRectF box =
                item->mapRectToItem(root, QRectF(0, 0, item->width(), item->height()));
            const bool truncated = item->property("truncated").toBool();
            const bool overflows = item->property("contentHeight").toReal() > item->height() + 1 ||
                                   item->property("contentWidth").toReal() > item->width() + 1;
            if (truncated || overflows || !bounds.contains(box))
                clipped << QStringLiteral("%1 [box %2x%3 at %4,%5; content %6x%7]")
                               .arg(item->property("text").toString())
                               .arg(item->width())
                               .arg(item->height())
                               .arg(box.x())
                               .arg(box.y())
                               .arg(item->property("contentWidth").toReal())
                               .arg(item->property("contentHeight").toReal());
        }
        return clipped;
    }

private:
    els::ui::ScreenModel model_;
    els::ui::LanguageSwitch language_;
};

class Setup : public QObject {
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        engine->addImageProvider(QStringLiteral("qr"), new els::ui::QrImageProvider);
        auto* fixture = new Fixture(*engine);
        fixture->setParent(engine);
        engine->rootContext()->setContextProperty(QStringLiteral("fixture"), fixture);
    }
};

} // namespace

QUICK_TEST_MAIN_WITH_SETUP(els_ui_screens, Setup)

#include "qml-test-setup.moc"
