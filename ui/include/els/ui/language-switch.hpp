#pragma once

#include <QObject>
#include <QTranslator>
#include <els/ui/polish-typography.hpp>

class QQmlEngine;

namespace els::ui {

// Polish is the source language of every qsTr() string; English comes from the compiled
// els-kiosk_en.qm. Exactly one of the two translators is installed: the Polish one only sets
// the typography (PolishTypography). Switching swaps them and re-evaluates the bindings.
class LanguageSwitch : public QObject {
    Q_OBJECT
public:
    explicit LanguageSwitch(QQmlEngine& engine, QObject* parent = nullptr);
    ~LanguageSwitch() override;

public slots:
    void apply(const QString& language);

private:
    QTranslator& active() {
        return english_ ? static_cast<QTranslator&>(englishTranslator_) : polish_;
    }

    QQmlEngine& engine_;
    QTranslator englishTranslator_;
    PolishTypography polish_;
    bool english_ = false;
};

} // namespace els::ui
