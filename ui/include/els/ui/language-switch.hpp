#pragma once

#include <QObject>
#include <QTranslator>

class QQmlEngine;

namespace els::ui {

// Polish is the source language of every qsTr() string; English comes from the compiled
// els-kiosk_en.qm. Switching installs or removes the translator and re-evaluates the bindings.
class LanguageSwitch : public QObject {
    Q_OBJECT
public:
    explicit LanguageSwitch(QQmlEngine& engine, QObject* parent = nullptr);
    ~LanguageSwitch() override;

public slots:
    void apply(const QString& language);

private:
    QQmlEngine& engine_;
    QTranslator english_;
    bool installed_ = false;
};

} // namespace els::ui
