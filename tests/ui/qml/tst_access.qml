import QtQuick
import QtTest
import Els.Kiosk

// The access bar (language, large text, help) with the real KioskView as Main.qml lays them
// out: every screen still fits with large text, the help screen's texts, the idle screen's
// reader animation.
Item {
    id: root
    width: 1080
    height: 1920

    property bool helpOpen: false

    KioskView {
        id: view
        width: root.width
        height: root.height - bar.height
        visible: !root.helpOpen
        model: fixture.model
        focus: true
    }
    HelpScreen {
        id: help
        width: view.width
        height: view.height
        visible: root.helpOpen
        model: fixture.model
        portrait: view.portrait
        onCloseRequested: root.helpOpen = false
    }
    AccessBar {
        id: bar
        anchors.bottom: parent.bottom
        width: root.width
        model: fixture.model
        portrait: view.portrait
        unit: Math.max(0.4, Math.min(root.width, root.height) / 1080)
        largeText: Theme.textScale > 1
        helpOpen: root.helpOpen
        onLargeTextToggled: Theme.textScale = Theme.textScale > 1 ? 1 : Theme.largeTextScale
        onHelpToggled: root.helpOpen = !root.helpOpen
    }

    TestCase {
        name: "Access"
        when: windowShown

        function init() {
            fixture.reset()
            Theme.textScale = 1
            root.helpOpen = false
            root.width = 1080
            root.height = 1920
            Site.readerPosition = "below"
            Site.contactPl = ""
            Site.contactEn = ""
            Site.helpTextPl = ""
            Site.helpTextEn = ""
        }
        function cleanupTestCase() { Theme.textScale = 1 }

        function everyScreen(extra) {
            var names = fixture.stateNames()
            var rows = []
            for (var i = 0; i < names.length; ++i)
                for (var lang of ["pl", "en"])
                    for (var size of [[1080, 1920, "portrait"], [1920, 1080, "landscape"]])
                        rows.push({ tag: names[i] + " " + lang + " " + size[2], state: names[i],
                                    language: lang, w: size[0], h: size[1] })
            return rows
        }

        function showScreen(data) {
            root.width = data.w
            root.height = data.h
            fixture.model.setLanguage(data.language)
            verify(fixture.show(data.state))
            waitForRendering(root)
        }

        // Issue 10, defect 10: the smallest text carrying instructions was 28 px.
        function test_smallestText_isAtLeast36px() {
            compare(Theme.smallSize, 36)
            verify(Theme.bodySize >= 36)
        }

        function test_normalText_everyScreenFitsWithTheBar_data() { return everyScreen() }
        function test_normalText_everyScreenFitsWithTheBar(data) {
            showScreen(data)
            compare(fixture.clippedTexts(view), [])
        }

        function test_largeText_everyScreenStillFits_data() { return everyScreen() }
        function test_largeText_everyScreenStillFits(data) {
            mouseClick(findChild(bar, "largeTextButton"))
            compare(Theme.textScale, Theme.largeTextScale)
            showScreen(data)
            verify(Theme.bodySize >= Math.round(38 * Theme.scale * 1.2))
            compare(fixture.clippedTexts(view), [])
        }

        // The texts fitting is not enough: the Ready screen's buttons were cut off under the
        // access bar, and they must not hide under the timeout warning either.
        function test_ready_buttonsAreAboveTheTimeoutBarAndTheAccessBar_data() {
            var rows = []
            for (var state of ["ready", "ready-warning"])
                for (var large of [false, true])
                    for (var row of everyScreen())
                        if (row.state === state) {
                            row.tag += large ? " large" : ""
                            row.large = large
                            rows.push(row)
                        }
            return rows
        }
        function test_ready_buttonsAreAboveTheTimeoutBarAndTheAccessBar(data) {
            if (data.large)
                mouseClick(findChild(bar, "largeTextButton"))
            showScreen(data)
            var timeoutBar = findChild(view, "timeoutBar")
            compare(timeoutBar.visible, data.state === "ready-warning")
            // Portrait: the warning is below the screen; landscape: over the header.
            var bottom = timeoutBar.visible && view.portrait ? timeoutBar.mapToItem(view, 0, 0).y
                                                             : view.height
            for (var name of ["doneButton", "revokeButton"]) {
                var button = findChild(view.currentScreen, name)
                verify(button.visible, name)
                var box = button.mapToItem(view, 0, 0, button.width, button.height)
                verify(box.y + box.height <= bottom + 1,
                       name + " ends at " + (box.y + box.height) + ", below " + bottom)
                if (timeoutBar.visible) {
                    var warning = timeoutBar.mapToItem(view, 0, 0, timeoutBar.width, timeoutBar.height)
                    verify(box.y >= warning.y + warning.height || box.y + box.height <= warning.y + 1,
                           name + " under the timeout warning")
                }
            }
        }

        function test_help_everyOrientationAndLanguageFits_data() {
            var rows = []
            for (var large of [false, true])
                for (var lang of ["pl", "en"])
                    for (var size of [[1080, 1920, "portrait"], [1920, 1080, "landscape"]])
                        rows.push({ tag: lang + " " + size[2] + (large ? " large" : ""),
                                    large: large, language: lang, w: size[0], h: size[1] })
            return rows
        }
        function test_help_everyOrientationAndLanguageFits(data) {
            Site.contactPl = "Dziekanat: pokój 12, parter. Punkt pomocy IT: budynek B, tel. 71 123 45 67."
            Site.contactEn = "Dean's office: room 12, ground floor. IT help desk: building B, phone 71 123 45 67."
            Site.helpTextPl = "Kiosk działa w godzinach otwarcia budynku."
            Site.helpTextEn = "The kiosk works while the building is open."
            if (data.large)
                Theme.textScale = Theme.largeTextScale
            root.width = data.w
            root.height = data.h
            fixture.model.setLanguage(data.language)
            mouseClick(findChild(bar, "helpButton"))
            verify(root.helpOpen)
            waitForRendering(root)
            compare(fixture.clippedTexts(root), [])
        }

        function test_help_showsWhatTheKioskDoesTheContactAndThePrivacyNotice() {
            Site.contactPl = "Dziekanat, pokój 12"
            mouseClick(findChild(bar, "helpButton"))
            verify(root.helpOpen)
            var text = fixture.visibleText(root)
            verify(text.indexOf("Dziekanat, pokój 12") >= 0, text)
            verify(text.indexOf("PESEL") >= 0, text)
            verify(text.indexOf("niczego nie zachowujemy") >= 0, text)
            // The screen below is hidden, not read through.
            verify(text.indexOf("Kto może zamówić?") < 0, text)
            compare(findChild(help, "helpSiteText").visible, false)

            fixture.model.setLanguage("en")
            tryVerify(function() { return fixture.visibleText(root).indexOf("Your data") >= 0 })
            // No English contact configured: the generic one, not the Polish text.
            text = fixture.visibleText(root)
            verify(text.indexOf("Dziekanat, pokój 12") < 0, text)
            verify(text.indexOf("dean's office") >= 0, text)
        }

        function test_helpClosed_theScreenThatWasThereIsBack() {
            fixture.show("confirm-order")
            mouseClick(findChild(bar, "helpButton"))
            verify(!view.visible)
            compare(findChild(bar, "helpButton").text, "Zamknij pomoc")
            mouseClick(findChild(help, "closeHelpButton"))
            verify(!root.helpOpen)
            compare(view.currentScreen.objectName, "confirmOrderScreen")
            verify(fixture.visibleText(root).indexOf("Zamów mLegitymację") >= 0)
        }

        function test_englishButton_translatesTheScreen_andPolishButtonBringsItBack() {
            mouseClick(findChild(bar, "languageEn"))
            compare(fixture.model.language, "en")
            tryVerify(function() {
                return fixture.visibleText(root).indexOf("Insert your student ID card into the reader") >= 0
            })
            verify(fixture.visibleText(root).indexOf("Włóż legitymację") < 0)

            mouseClick(findChild(bar, "languagePl"))
            tryVerify(function() {
                return fixture.visibleText(root).indexOf("Włóż legitymację studencką do czytnika") >= 0
            })
        }

        function test_languageButtons_haveTheirOwnLanguagesNames() {
            compare(fixture.accessibleName(findChild(bar, "languagePl")), "Polski")
            compare(fixture.accessibleName(findChild(bar, "languageEn")), "English")
        }

        function test_accessBar_languageLargeTextAndHelp_namedControls() {
            var names = fixture.unnamedControls(bar)
            compare(names, [])
            compare(findChild(bar, "largeTextButton").text, "Duży tekst")
            compare(findChild(bar, "helpButton").text, "Pomoc")
            // No speech output here (previews): no speech controls.
            compare(findChild(bar, "speechButton").visible, false)
            mouseClick(findChild(bar, "languageEn"))
            compare(fixture.model.language, "en")
            tryVerify(function() { return findChild(bar, "largeTextButton").text === "Large text" })
            compare(findChild(bar, "helpButton").text, "Help")
        }

        function test_idle_readerPosition_captionArrowAndTheCardMovesTowardsTheSlot_data() {
            return [{ tag: "below", caption: "Czytnik jest pod ekranem." },
                    { tag: "right", caption: "Czytnik jest na prawo od ekranu." },
                    { tag: "left", caption: "Czytnik jest na lewo od ekranu." }]
        }
        function test_idle_readerPosition_captionArrowAndTheCardMovesTowardsTheSlot(data) {
            Site.readerPosition = data.tag
            waitForRendering(root)
            verify(fixture.visibleText(root).indexOf(data.caption) >= 0)
            var art = findChild(view, "cardIllustration")
            var card = findChild(art, "insertCard")
            var slot = findChild(art, "readerSlot")
            verify(art.animating)
            // Slow: a whole cycle takes seconds (WCAG 2.3.1: nothing flashes), and it plays once,
            // within 5 s (WCAG 2.2.2: no pause control needed); a touch plays it again.
            verify(art.loopDuration >= 4000 && art.loopDuration <= 5000)
            tryCompare(art, "animating", false, art.loopDuration + 2000)
            mouseClick(art)
            verify(art.animating)
            function centre(item) { return item.mapToItem(root, item.width / 2, item.height / 2) }
            art.progress = 0
            var out = centre(card)
            art.progress = 1
            var inside = centre(card)
            var target = centre(slot)
            if (data.tag === "below") {
                verify(inside.y > out.y)
                verify(target.y > out.y)
            } else if (data.tag === "right") {
                verify(inside.x > out.x)
                verify(target.x > out.x)
            } else {
                verify(inside.x < out.x)
                verify(target.x < out.x)
            }
        }
    }
}
