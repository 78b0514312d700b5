#include <QQuickWindow>
#include <els/ui/kiosk-app.hpp>
#include <els/ui/qr-image-provider.hpp>

namespace els::ui {

KioskApp::KioskApp() : language_(engine_) {
    engine_.addImportPath(QStringLiteral("qrc:/"));
    engine_.addImageProvider(QStringLiteral("qr"), new QrImageProvider); // engine takes it
    QObject::connect(&model_, &ScreenModel::languageChanged, &language_, &LanguageSwitch::apply);
}

KioskApp::~KioskApp() = default;

QQuickWindow* KioskApp::load() {
    engine_.setInitialProperties({{QStringLiteral("model"), QVariant::fromValue(&model_)}});
    engine_.load(QUrl(QStringLiteral("qrc:/Els/Kiosk/Main.qml")));
    const auto roots = engine_.rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(roots.first());
}

} // namespace els::ui
