#include <QCoreApplication>
#include <QDir>
#include <QQuickWindow>
#include <els/ui/kiosk-app.hpp>
#include <els/ui/preview-states.hpp>

namespace els::ui {
namespace {

struct Orientation {
    const char* name;
    QSize size;
};

// Lets bindings, layouts and image providers settle before the frame is grabbed.
void settle() {
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

} // namespace

int renderPreviews(ScreenModel& model, QQuickWindow& window, const QString& dir) {
    if (!QDir().mkpath(dir))
        return -1;
    const Orientation orientations[] = {{"portrait", {1080, 1920}}, {"landscape", {1920, 1080}}};
    const auto initialLanguage = model.language();
    int written = 0;
    for (const auto& orientation : orientations) {
        window.resize(orientation.size);
        for (const auto* language : {"pl", "en"}) {
            model.setLanguage(QString::fromLatin1(language));
            for (const auto& [name, state] : previewStates()) {
                model.apply(state);
                settle();
                const QString file = QDir(dir).filePath(
                    QStringLiteral("%1-%2-%3.png")
                        .arg(QString::fromStdString(name), QString::fromLatin1(language),
                             QString::fromLatin1(orientation.name)));
                if (!window.grabWindow().save(file))
                    return -1;
                ++written;
            }
        }
    }
    model.apply({});
    model.setLanguage(initialLanguage);
    return written;
}

} // namespace els::ui
