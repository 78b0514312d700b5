#include <QCoreApplication>
#include <QQmlEngine>
#include <els/ui/language-switch.hpp>

namespace els::ui {

LanguageSwitch::LanguageSwitch(QQmlEngine& engine, QObject* parent)
    : QObject(parent), engine_(engine) {
    if (!englishTranslator_.load(QStringLiteral(":/i18n/els-kiosk_en.qm")))
        qWarning("els-kiosk: English translation missing from resources");
    QCoreApplication::installTranslator(&polish_);
    engine_.retranslate();
}

LanguageSwitch::~LanguageSwitch() {
    QCoreApplication::removeTranslator(&active());
}

void LanguageSwitch::apply(const QString& language) {
    const bool wantEnglish = language == QLatin1String("en");
    if (wantEnglish == english_)
        return;
    QCoreApplication::removeTranslator(&active());
    english_ = wantEnglish;
    QCoreApplication::installTranslator(&active());
    engine_.retranslate();
}

} // namespace els::ui
