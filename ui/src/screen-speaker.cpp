#include <QKeyEvent>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTextToSpeech>
#include <QTimer>
#include <els/ui/screen-model.hpp>
#include <els/ui/screen-speaker.hpp>
#include <els/ui/visible-content.hpp>

namespace els::ui {

namespace {

struct Phrase {
    const char* pl;
    const char* en;
};

constexpr Phrase qrShown{"Na ekranie jest kod QR dla aplikacji mObywatel.",
                         "A QR code for the mObywatel app is shown on screen."};
constexpr Phrase codeHidden{
    "Na ekranie jest kod aktywacyjny. Aby go usłyszeć, najlepiej w słuchawkach, wybierz "
    "„Przeczytaj kod”.",
    "The activation code is shown on screen. To hear it, preferably in headphones, choose "
    "“Read the code”."};
constexpr Phrase buttons{"Przyciski: %1.", "Buttons: %1."};
constexpr Phrase button{"Przycisk: %1.", "Button: %1."};
constexpr Phrase speechOn{"Mowa włączona.", "Speech on."};
constexpr Phrase speechOff{"Mowa wyłączona.", "Speech off."};
constexpr Phrase codeIs{"Kod aktywacyjny: %1.", "Activation code: %1."};
constexpr Phrase largeTextOn{"Duży tekst włączony.", "Large text on."};
constexpr Phrase largeTextOff{"Zwykły tekst.", "Normal text."};
constexpr Phrase warning{"Uwaga: ekran zamknie się za %1 %2.",
                         "Attention: the screen closes in %1 %2."};
constexpr Phrase moreTimeOffer{"Aby mieć więcej czasu, wybierz „Więcej czasu”.",
                               "For more time, choose “More time”."};

// Polish plural of "sekunda": 1 sekunda, 2–4 sekundy (not 12–14), otherwise sekund.
QString seconds(int n, bool english) {
    if (english)
        return n == 1 ? QStringLiteral("second") : QStringLiteral("seconds");
    if (n == 1)
        return QStringLiteral("sekunda");
    const int lastDigit = n % 10;
    const int lastTwo = n % 100;
    if (lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14))
        return QStringLiteral("sekundy");
    return QStringLiteral("sekund");
}

bool hasWord(const QString& text) {
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.isLetterOrNumber(); });
}

// "ABCD EFGH" → "A B C D, E F G H": spelled, so that a voice does not read it as a word.
QString spelled(const QString& grouped) {
    QStringList groups;
    for (const auto& group : grouped.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QStringList characters;
        for (const QChar c : group)
            characters << QString(c);
        groups << characters.join(QLatin1Char(' '));
    }
    return groups.join(QStringLiteral(", "));
}

// What the student sees below the header: a shown overlay (the help, marked speechOverlay) or
// else KioskView's current screen, wherever they sit in the window. One walk for both: hidden
// items are not looked into, and the view is hidden while the help covers it.
const QQuickItem* spokenContent(const QQuickItem& item) {
    if (!item.isVisible())
        return nullptr;
    if (item.property("speechOverlay").toBool())
        return &item;
    if (auto* screen = item.property("currentScreen").value<QQuickItem*>())
        return screen;
    for (const auto* child : item.childItems())
        if (const auto* found = spokenContent(*child))
            return found;
    return nullptr;
}

} // namespace

TextToSpeechOutput::TextToSpeechOutput() : context_(std::make_unique<QObject>()) {
    thread_.setObjectName(QStringLiteral("speech"));
    context_->moveToThread(&thread_);
    thread_.start();
}

TextToSpeechOutput::~TextToSpeechOutput() {
    QMetaObject::invokeMethod(
        context_.get(), [this] { delete engine_; }, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

void TextToSpeechOutput::speak(const QString& text, const QLocale& locale) {
    QMetaObject::invokeMethod(context_.get(), [this, text, locale] {
        if (!engine_)
            engine_ = new QTextToSpeech(context_.get());
        if (engine_->locale().language() != locale.language())
            engine_->setLocale(locale);
        engine_->say(text); // Qt 6.4: say() stops what is being said first
    });
}

void TextToSpeechOutput::stop() {
    QMetaObject::invokeMethod(context_.get(), [this] {
        if (engine_)
            engine_->stop();
    });
}

ScreenSpeaker::ScreenSpeaker(const ScreenModel& model, SpeechOutput& output, QObject* parent)
    : QObject(parent), model_(model), output_(output) {
    connect(&model_, &ScreenModel::screenChanged, this, &ScreenSpeaker::screenChanged);
    connect(&model_, &ScreenModel::languageChanged, this, &ScreenSpeaker::announceLater);
    connect(&model_, &ScreenModel::contentChanged, this, &ScreenSpeaker::contentChanged);
}

void ScreenSpeaker::attach(QQuickWindow& window) {
    if (window_)
        window_->removeEventFilter(this);
    window_ = &window;
    window_->installEventFilter(this);
    // Queued: the control's focus reason is set once the focus change is complete.
    connect(window_, &QQuickWindow::activeFocusItemChanged, this, &ScreenSpeaker::focusMoved,
            Qt::QueuedConnection);
}

void ScreenSpeaker::setKeys(const QKeySequence& toggleSpeech, const QKeySequence& readCode) {
    toggleKey_ = toggleSpeech;
    readCodeKey_ = readCode;
}

bool ScreenSpeaker::hasCode() const {
    return !model_.activationCode().isEmpty();
}

void ScreenSpeaker::toggle() {
    enabled_ = !enabled_;
    emit enabledChanged(enabled_);
    if (enabled_) {
        output_.speak(QString::fromUtf8(english() ? speechOn.en : speechOn.pl) + QLatin1Char(' ') +
                          announcement(),
                      locale());
    } else {
        output_.speak(QString::fromUtf8(english() ? speechOff.en : speechOff.pl), locale());
    }
}

void ScreenSpeaker::repeat() {
    if (enabled_)
        output_.speak(announcement(), locale());
}

void ScreenSpeaker::announceLargeText(bool on) {
    if (!enabled_)
        return;
    const auto& phrase = on ? largeTextOn : largeTextOff;
    output_.speak(QString::fromUtf8(english() ? phrase.en : phrase.pl), locale());
}

void ScreenSpeaker::readCode() {
    // The student asked for it: spoken even with speech off (a sighted helper may ask too).
    if (!hasCode())
        return;
    output_.speak(QString::fromUtf8(english() ? codeIs.en : codeIs.pl)
                      .arg(spelled(model_.activationCodeGrouped())),
                  locale());
}

QString ScreenSpeaker::announcement() const {
    if (!window_)
        return {};
    // Only the screen's own content: the header and the speech controls are the same on every
    // screen and would bury what changed.
    // An overlay (the help) hides the screen: it is what the student sees.
    const QQuickItem* root = window_->contentItem();
    if (const auto* content = spokenContent(*root))
        root = content;
    const auto code = model_.activationCode();
    const auto grouped = model_.activationCodeGrouped();
    const auto token = QString::fromStdString(model_.state().token);
    const auto isSecret = [&](const QString& text) {
        return (!code.isEmpty() && (text.contains(code) || text.contains(grouped))) ||
               (!token.isEmpty() && text.contains(token.left(16)));
    };

    QStringList sentences;
    QStringList labels;
    bool qr = false;
    bool secret = false;
    for (const auto& element : visibleContent(*root)) {
        switch (element.kind) {
        case VisibleElement::Kind::Text:
            if (isSecret(element.value))
                secret = true;
            else if (hasWord(element.value) && !sentences.contains(element.value))
                sentences << element.value;
            break;
        case VisibleElement::Kind::Image:
            qr = qr || element.value.startsWith(QLatin1String("image://qr/"));
            break;
        case VisibleElement::Kind::Button:
            if (!isSecret(element.value) && hasWord(element.value))
                labels << element.value;
            break;
        }
    }
    const bool en = english();
    if (qr)
        sentences << QString::fromUtf8(en ? qrShown.en : qrShown.pl);
    if (secret || hasCode())
        sentences << QString::fromUtf8(en ? codeHidden.en : codeHidden.pl);
    if (!labels.isEmpty())
        sentences << QString::fromUtf8(en ? buttons.en : buttons.pl)
                         .arg(labels.join(QStringLiteral(", ")));
    // Sentences end in a stop so that the voice pauses between them.
    for (auto& sentence : sentences) {
        if (!sentence.endsWith(QLatin1Char('.')) && !sentence.endsWith(QLatin1Char('!')) &&
            !sentence.endsWith(QLatin1Char('?')) && !sentence.endsWith(QLatin1Char(':')))
            sentence += QLatin1Char('.');
    }
    return sentences.join(QLatin1Char(' '));
}

bool ScreenSpeaker::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress) {
        const QKeySequence pressed(static_cast<QKeyEvent*>(event)->keyCombination());
        if (!toggleKey_.isEmpty() && pressed == toggleKey_) {
            toggle();
            return true;
        }
        if (!readCodeKey_.isEmpty() && pressed == readCodeKey_) {
            readCode();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void ScreenSpeaker::focusMoved() {
    // Only a move by the keypad (Tab/arrows, which show the focus ring) is said: the focus a new
    // screen puts on its main action is part of the screen's announcement.
    const auto* item = window_ ? window_->activeFocusItem() : nullptr;
    if (!enabled_ || !item || !item->inherits("QQuickAbstractButton") ||
        !item->property("visualFocus").toBool())
        return;
    const auto label = item->property("text").toString().simplified();
    if (!label.isEmpty())
        output_.speak(QString::fromUtf8(english() ? button.en : button.pl).arg(label), locale());
}

void ScreenSpeaker::screenChanged() {
    warned_ = false;
    announceLater();
}

void ScreenSpeaker::contentChanged() {
    // Another problem or order status on the same screen is news; a ticking countdown is not.
    const auto topic = std::pair(static_cast<int>(model_.problem()), model_.orderStatus());
    if (topic != topic_) {
        topic_ = topic;
        announceLater();
    }
    // The card left in the reader: the screen's alert text is news (the cue sounds it too).
    if (model_.cardAlert() != cardAlert_) {
        cardAlert_ = model_.cardAlert();
        if (cardAlert_)
            announceLater();
    }
    if (hasCode() != hadCode_) {
        hadCode_ = hasCode();
        emit hasCodeChanged();
    }
    // Only a screen that warns (the engine's WCAG 2.2.1 warning) is warned of; "more time"
    // re-arms the warning for the next time it comes.
    const int left = model_.secondsLeft();
    if (!model_.warning() || left > warnAtSeconds)
        warned_ = false;
    if (enabled_ && !warned_ && model_.warning() && left > 0 && left <= warnAtSeconds) {
        warned_ = true;
        const bool en = english();
        auto text =
            QString::fromUtf8(en ? warning.en : warning.pl).arg(left).arg(seconds(left, en));
        if (model_.canMoreTime())
            text += QLatin1Char(' ') + QString::fromUtf8(en ? moreTimeOffer.en : moreTimeOffer.pl);
        output_.speak(text, locale());
    }
}

void ScreenSpeaker::announceLater() {
    // After the bindings and the Loader have built the new screen (and retranslated it).
    if (!enabled_ || announcePending_)
        return;
    announcePending_ = true;
    QTimer::singleShot(0, this, [this] {
        announcePending_ = false;
        if (enabled_)
            output_.speak(announcement(), locale());
    });
}

QLocale ScreenSpeaker::locale() const {
    return english() ? QLocale(QLocale::English, QLocale::UnitedKingdom)
                     : QLocale(QLocale::Polish, QLocale::Poland);
}

bool ScreenSpeaker::english() const {
    return model_.language() == QLatin1String("en");
}

} // namespace els::ui
