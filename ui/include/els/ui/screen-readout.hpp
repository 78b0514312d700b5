#pragma once

#include <QDir>
#include <QObject>
#include <QString>
#include <QStringList>
#include <mutex>

class QQuickWindow;

namespace els::ui {

class ScreenModel;

// Test-only read-out of what is on the window (els-kiosk --readout DIR), for the journey tests
// that drive the real app from outside: after every frame drawn (on screen or for a screenshot)
// whose content differs from the
// last one written, DIR/NNNN.txt (atomically) holds
//   screen: <name>           language: <pl|en>
//   window: <w>x<h>          view: <w>x<h>       (the root item's size when the frame was drawn)
//   focus: <"button <label>", an item's object name or type, or "none": the keyboard's target>
//   text: <visible text>     image: <source, or "qr-code">
//   button: <x> <y> <w> <h> <label>   (window coordinates)
// The first file describes the first frame ever drawn, so a test can see that it already had
// the final layout. Texts are what a passer-by reads anyway; nothing else is written.
class ScreenReadout : public QObject {
    Q_OBJECT
public:
    ScreenReadout(const ScreenModel& model, QQuickWindow& window, const QString& dir);

    // The read-out of the window as it is now (without writing it).
    QString describe() const;

private:
    void frameDrawn();

    const ScreenModel& model_;
    QQuickWindow& window_;
    QDir dir_;
    std::mutex mutex_; // the render thread describes, the GUI thread writes
    QString last_;
    QStringList pending_; // described, waiting for their frame to be on screen
    int written_ = 0;
};

} // namespace els::ui
