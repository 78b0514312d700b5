import QtQuick
import QtTest
import Els.Kiosk

// Drives the real KioskView through every screen, in both languages and orientations.
Item {
    id: root
    width: 1080
    height: 1920

    KioskView {
        id: view
        width: 1080
        height: 1920
        model: fixture.model
        focus: true
    }

    SignalSpy { id: orderSpy; target: fixture.model; signalName: "orderRequested" }
    SignalSpy { id: doneSpy; target: fixture.model; signalName: "doneRequested" }

    TestCase {
        name: "Screens"
        when: windowShown

        readonly property var expectedScreen: ({
            "idle": "idleScreen",
            "reading": "readingScreen",
            "problem": "problemScreen",
            "problem-usos-refused": "problemScreen",
            "confirm-order": "confirmOrderScreen",
            "order-in-progress": "orderInProgressScreen",
            "ready": "readyScreen",
            "existing-order": "existingOrderScreen",
            "confirm-cancel": "confirmCancelScreen",
            "confirm-revoke": "confirmRevokeScreen",
            "reader-missing": "readerMissingScreen",
            "service-unavailable": "serviceUnavailableScreen",
            "goodbye": "goodbyeScreen",
            "goodbye-cancelled": "goodbyeScreen",
            "out-of-service": "outOfServiceScreen",
            "order-sent": "orderSentScreen",
            "take-card": "takeCardScreen",
            "existing-order-activated": "existingOrderScreen",
            "confirm-order-warning": "confirmOrderScreen",
            "ready-warning": "readyScreen"
        })

        function init() {
            fixture.reset()
            view.width = 1080
            view.height = 1920
            orderSpy.clear()
            doneSpy.clear()
        }

        function portraitAndLandscape(rows) {
            var out = []
            for (var i = 0; i < rows.length; ++i) {
                for (var lang of ["pl", "en"]) {
                    out.push(Object.assign({}, rows[i], { tag: rows[i].state + " " + lang + " portrait",
                                                          language: lang, w: 1080, h: 1920 }))
                    out.push(Object.assign({}, rows[i], { tag: rows[i].state + " " + lang + " landscape",
                                                          language: lang, w: 1920, h: 1080 }))
                }
            }
            return out
        }

        function test_everyState_showsItsScreen_laidOutCleanly_data() {
            var names = fixture.stateNames()
            var rows = []
            for (var i = 0; i < names.length; ++i)
                rows.push({ state: names[i] })
            return portraitAndLandscape(rows)
        }

        function test_everyState_showsItsScreen_laidOutCleanly(data) {
            view.width = data.w
            view.height = data.h
            fixture.model.setLanguage(data.language)
            verify(fixture.show(data.state))
            waitForRendering(view)

            compare(view.currentScreen.objectName, expectedScreen[data.state])
            compare(view.portrait, data.h > data.w)
            // Every control has a spoken name (the language switch is in the access bar, see
            // tst_access.qml).
            compare(fixture.unnamedControls(view), [])
            compare(fixture.clippedTexts(view), [])
        }

        function test_polishIsTheDefaultLanguage() {
            compare(fixture.model.language, "pl")
            verify(fixture.visibleText(view).indexOf("Włóż legitymację studencką do czytnika") >= 0)
            verify(fixture.visibleText(view).indexOf("Kto może zamówić?") >= 0)
        }

        function test_orderButton_isNamedInTheCurrentLanguage() {
            fixture.show("confirm-order")
            compare(fixture.accessibleName(findChild(view, "orderButton")), "Zamów mLegitymację")
            fixture.model.setLanguage("en")
            compare(fixture.accessibleName(findChild(view, "orderButton")), "Order mLegitymacja")
        }

        function test_orderButton_tapped_requestsAnOrderOnce() {
            fixture.show("confirm-order")
            waitForRendering(view)
            mouseClick(findChild(view, "orderButton"))
            compare(orderSpy.count, 1)
        }

        function test_keyboard_tabReachesTheOrderButton_showsFocus_andEnterPressesIt() {
            fixture.show("confirm-order")
            waitForRendering(view)
            var button = findChild(view, "orderButton")
            // The order button has the focus to begin with: Tab leaves it and comes round again.
            var guard = 0
            do
                keyClick(Qt.Key_Tab)
            while (!button.activeFocus && guard++ < 10)
            verify(button.activeFocus)
            verify(button.visualFocus)
            keyClick(Qt.Key_Return)
            compare(orderSpy.count, 1)
        }

        function test_idleScreen_showsNothingPersonal_afterASession() {
            fixture.show("ready")
            waitForRendering(view)
            verify(fixture.visibleText(view).indexOf("K7QM 4ZP2 XR9T") >= 0)

            fixture.show("idle")
            waitForRendering(view)
            var text = fixture.visibleText(view)
            verify(text.indexOf("Zofia") < 0)
            verify(text.indexOf("K7QM") < 0)
            verify(text.indexOf("DEMO-mlegitymacja") < 0)
            verify(findChild(view, "tokenQr") === null)

            fixture.showIdleWithLeftovers()
            waitForRendering(view)
            text = fixture.visibleText(view)
            verify(text.indexOf("Zofia") < 0)
            verify(text.indexOf("K7QM") < 0)
        }

        function test_outOfService_showsTheTechniciansCode() {
            fixture.show("out-of-service")
            waitForRendering(view)
            verify(fixture.visibleText(view).indexOf("trust_anchors_invalid") >= 0)
        }

        function test_readyScreen_showsQrCodeDatesAndCountdown() {
            fixture.show("ready")
            waitForRendering(view)
            var qr = findChild(view, "tokenQr")
            verify(qr !== null)
            var image = qr.children[0]
            tryCompare(image, "status", Image.Ready)
            // Whole pixels per module: the image is at most the view, and never much smaller.
            verify(image.width <= qr.width && image.width > qr.width * 0.9)
            compare(image.width, image.height)
            compare(findChild(view, "activationCode").text, "K7QM 4ZP2 XR9T")
            compare(findChild(view, "orderDate").text, "01.10.2025")
            compare(findChild(view, "expirationDate").text, "31.10.2026")
            // 90 s left: no ticking number yet; the warning (with "more time") comes in the last 20 s.
            compare(findChild(view, "timeoutBar").visible, false)
            mouseClick(findChild(view, "doneButton"))
            compare(doneSpy.count, 1)
        }

        // The number stays with its unit ("15 s" never split over two lines), in both languages.
        function test_timeoutWarning_keepsTheNumberWithItsUnit() {
            fixture.show("ready-warning")
            waitForRendering(view)
            var warning = findChild(view, "timeoutWarning")
            verify(/ za [0-9]+\u00a0s$/.test(warning.text), warning.text)
            verify(warning.text.indexOf("się ") >= 0, "only the unit's space: " + warning.text)
            fixture.model.setLanguage("en")
            verify(/^This screen closes in [0-9]+\u00a0s$/.test(warning.text), warning.text)
        }

        function test_readyScreen_mObywatelSteps_areTheKioskSentences_inEachLanguage() {
            fixture.show("ready")
            var steps = findChild(view, "mobywatelSteps")
            compare(steps.steps.length, 4)
            compare(steps.steps[0], "Otwórz aplikację mObywatel.")
            fixture.model.setLanguage("en")
            compare(steps.steps[3], "Type the activation code to confirm.")
        }

        function test_usosRefusal_isShownVerbatimInEachLanguage() {
            fixture.show("problem-usos-refused")
            waitForRendering(view)
            verify(fixture.visibleText(view).indexOf("Masz już aktywną mLegitymację wydaną 12.09.2025.") >= 0)
            fixture.model.setLanguage("en")
            verify(fixture.visibleText(view).indexOf("You already have an active mLegitymacja issued on 12.09.2025.") >= 0)
        }

        function test_orderInProgress_marksTheCurrentStep() {
            fixture.show("order-in-progress")
            waitForRendering(view)
            compare(findChild(view, "orderSteps").current, 1)
            verify(fixture.visibleText(view).indexOf("W toku") >= 0)
        }

        function test_existingPendingOrder_offersCancel_butNotRevoke() {
            fixture.show("existing-order")
            waitForRendering(view)
            verify(findChild(view, "cancelButton").visible)
            verify(!findChild(view, "revokeButton").visible)
            verify(fixture.visibleText(view).indexOf("Stan zamówienia: oczekujące") >= 0)
        }

        // Issue 10, defect 8: a neutral greeting; the name is a label, not in a vocative slot.
        function test_confirmOrder_greetsNeutrally_nameAsALabel() {
            fixture.show("confirm-order")
            waitForRendering(view)
            var text = fixture.visibleText(view)
            verify(text.indexOf("Dzień dobry!") >= 0, text)
            verify(text.indexOf("Cześć") < 0, text)
            compare(findChild(view, "firstName").text.replace(/\u00a0/g, " "), "Imię z legitymacji: Zofia")
            compare(fixture.accessibleName(findChild(view, "doneButton")), "Zakończ")
            fixture.model.setLanguage("en")
            compare(findChild(view, "firstName").text, "Name on the card: Zofia")
            compare(fixture.accessibleName(findChild(view, "doneButton")), "Finish")
        }

        // Issue 10, defect 7: after a cancel the student is told the order is cancelled.
        function test_goodbyeAfterCancel_saysOrderCancelled() {
            fixture.show("goodbye-cancelled")
            waitForRendering(view)
            verify(fixture.visibleText(view).indexOf("Zamówienie anulowane") >= 0, fixture.visibleText(view))
            verify(fixture.visibleText(view).indexOf("✓") >= 0)
            fixture.model.setLanguage("en")
            verify(fixture.visibleText(view).indexOf("Order cancelled") >= 0, fixture.visibleText(view))
        }

        // Issue 10, defect 7: nothing achieved (a refusal, "Zakończ"): no ✓, no thanks.
        function test_goodbyeWithoutAnOrder_isNeutral() {
            fixture.show("goodbye")
            waitForRendering(view)
            var text = fixture.visibleText(view)
            verify(text.indexOf("Wyjmij legitymację z czytnika") >= 0, text)
            verify(text.indexOf("✓") < 0, text)
            verify(text.indexOf("Dziękujemy") < 0, text)
            verify(text.indexOf("Ekran zamknie się za 5 s") >= 0, text)
            fixture.model.setLanguage("en")
            text = fixture.visibleText(view)
            verify(text.indexOf("Thank") < 0, text)
            verify(text.indexOf("This screen closes in 5 s") >= 0, text)
        }

        // Issue 10, defect 7: a refusal has nothing to finish; USOS's reason gets where to ask.
        function test_problem_noFinishHint_usosRefusalSaysWhereToAsk() {
            fixture.show("problem")
            waitForRendering(view)
            verify(fixture.visibleText(view).indexOf("Gdy skończysz") < 0)
            fixture.show("problem-usos-refused")
            waitForRendering(view)
            verify(fixture.visibleText(view).indexOf("zapytaj w dziekanacie") >= 0, fixture.visibleText(view))
        }

        // Issue 10, defect 7: USOS down says what we do and what the student can do.
        function test_serviceUnavailable_saysWeRetry_andWhatElseToDo() {
            fixture.show("service-unavailable")
            waitForRendering(view)
            var text = fixture.visibleText(view)
            verify(text.indexOf("Spróbujemy ponownie za chwilę") >= 0, text)
            verify(text.indexOf("USOSweb") >= 0, text)
            fixture.model.setLanguage("en")
            verify(fixture.visibleText(view).indexOf("We will try again shortly") >= 0)
        }

        // Issue 10, defect 8: one-letter words keep to the next word on Polish screens.
        function test_polishScreens_noBreakSpaceAfterOneLetterWords() {
            fixture.show("service-unavailable")
            waitForRendering(view)
            verify(fixture.rawText(view).indexOf("w\u00a0USOSweb") >= 0, fixture.rawText(view))
            fixture.model.setLanguage("en")
            verify(fixture.rawText(view).indexOf("\u00a0") < 0, fixture.rawText(view))
        }
    }
}
