#include <QCoreApplication>
#include <QQmlEngine>
#include <els/ui/language-switch.hpp>

namespace els::ui {

LanguageSwitch::LanguageSwitch(QQmlEngine& engine, QObject* parent)
    : QObject(parent), engine_(engine) {
    if (!english_.load(QStringLiteral(":/i18n/els-kiosk_en.qm")))
        qWarning("els-kiosk: English translation missing from resources");
}

LanguageSwitch::~LanguageSwitch() {
    if (installed_)
        QCoreApplication::removeTranslator(&english_);
}

void LanguageSwitch::apply(const QString& language) {
    const bool wantEnglish = language == QLatin1String("en");
    if (wantEnglish == installed_)
        return;
    if (wantEnglish)
        installed_ = QCoreApplication::installTranslator(&english_);
    else
        installed_ = !QCoreApplication::removeTranslator(&english_);
    engine_.retranslate();
}

} // namespace els::ui
