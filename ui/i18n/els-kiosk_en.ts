<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="pl">
<context>
    <name>AccessBar</name>
    <message>
        <location filename="../qml/AccessBar.qml" line="64"/>
        <source>Wyłącz mowę</source>
        <translation>Speech off</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="64"/>
        <source>Włącz mowę</source>
        <translation>Speech on</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="65"/>
        <source>Czyta ekran na głos</source>
        <translation>Reads the screen aloud</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="70"/>
        <source>Zwykły tekst</source>
        <translation>Normal text</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="70"/>
        <source>Duży tekst</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="71"/>
        <source>Powiększa napisy</source>
        <translation>Makes the text larger</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="76"/>
        <source>Zamknij pomoc</source>
        <translation>Close help</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="76"/>
        <source>Pomoc</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../qml/AccessBar.qml" line="83"/>
        <source>Przeczytaj kod</source>
        <translation>Read the code</translation>
    </message>
</context>
<context>
    <name>ConfirmCancelScreen</name>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="21"/>
        <source>Anulować zamówienie?</source>
        <translation>Cancel the order?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="22"/>
        <source>Zamówienie mLegitymacji zostanie anulowane. Nowe możesz złożyć później.</source>
        <translation>Your mLegitymacja order will be cancelled. You can place a new one later.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="33"/>
        <source>Nie, wróć</source>
        <translation>No, go back</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmCancelScreen.qml" line="39"/>
        <source>Tak, anuluj</source>
        <translation>Yes, cancel it</translation>
    </message>
</context>
<context>
    <name>ConfirmOrderScreen</name>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="19"/>
        <source>Dzień dobry!</source>
        <translation>Hello!</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="27"/>
        <source>Imię z legitymacji: %1</source>
        <translation>Name on the card: %1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="31"/>
        <source>Twoja legitymacja jest ważna i możesz zamówić mLegitymację — legitymację studencką w aplikacji mObywatel.</source>
        <translation>Your student ID card is valid, so you can order an mLegitymacja — the student ID in the mObywatel app.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="39"/>
        <source>Zamów mLegitymację</source>
        <translation>Order mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmOrderScreen.qml" line="47"/>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ConfirmRevokeScreen</name>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="21"/>
        <source>Unieważnić mLegitymację?</source>
        <translation>Revoke your mLegitymacja?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="22"/>
        <source>mLegitymacja w Twoim telefonie przestanie działać. Potem możesz zamówić nową.</source>
        <translation>The mLegitymacja on your phone will stop working. You can order a new one afterwards.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="33"/>
        <source>Nie, wróć</source>
        <translation>No, go back</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmRevokeScreen.qml" line="39"/>
        <source>Tak, unieważnij</source>
        <translation>Yes, revoke it</translation>
    </message>
</context>
<context>
    <name>ExistingOrderScreen</name>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="19"/>
        <source>Masz już zamówioną mLegitymację</source>
        <translation>You have already ordered an mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="26"/>
        <source>Stan zamówienia: %1</source>
        <translation>Order status: %1</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="32"/>
        <source>Data zamówienia: %1</source>
        <translation>Order date: %1</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="39"/>
        <source>Oczekujące</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="39"/>
        <source>W toku</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="39"/>
        <source>Gotowe</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="43"/>
        <source>Możesz poczekać na realizację albo anulować zamówienie.</source>
        <translation>You can wait for it to be issued or cancel the order.</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="53"/>
        <source>Anuluj zamówienie</source>
        <translation>Cancel the order</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="60"/>
        <source>Unieważnij mLegitymację</source>
        <translation>Revoke mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/ExistingOrderScreen.qml" line="66"/>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>GoodbyeScreen</name>
    <message>
        <location filename="../qml/GoodbyeScreen.qml" line="19"/>
        <source>Ekran zamknie się za %1 s</source>
        <translation>This screen closes in %1 s</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <location filename="../qml/HelpScreen.qml" line="37"/>
        <source>Pomoc</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../qml/HelpScreen.qml" line="52"/>
        <source>Co robi ten kiosk?</source>
        <translation>What does this kiosk do?</translation>
    </message>
    <message>
        <location filename="../qml/HelpScreen.qml" line="54"/>
        <source>Tu zamówisz mLegitymację — legitymację studencką w aplikacji mObywatel. Sprawdzamy Twoją legitymację w USOS i pokazujemy kod QR dla aplikacji mObywatel.</source>
        <translation>Here you can order your mLegitymacja — the student ID in the mObywatel app. We check your student ID card in USOS and show a QR code for the mObywatel app.</translation>
    </message>
    <message>
        <location filename="../qml/HelpScreen.qml" line="63"/>
        <source>Gdzie szukać pomocy?</source>
        <translation>Where can I get help?</translation>
    </message>
    <message>
        <location filename="../qml/HelpScreen.qml" line="69"/>
        <source>W dziekanacie albo w punkcie pomocy IT uczelni.</source>
        <translation>At the dean&apos;s office or the university&apos;s IT help desk.</translation>
    </message>
    <message>
        <location filename="../qml/HelpScreen.qml" line="80"/>
        <source>Twoje dane</source>
        <translation>Your data</translation>
    </message>
    <message>
        <location filename="../qml/HelpScreen.qml" line="83"/>
        <source>Z chipu legitymacji odczytujemy imiona, nazwisko, PESEL, numer albumu i datę ważności. Porównujemy je z danymi w USOS. Po zakończeniu niczego nie zachowujemy: dziennik kiosku nie zawiera danych osobowych.</source>
        <translation>From your card&apos;s chip we read your given names, surname, PESEL, student (album) number and expiry date. We compare them with your data in USOS. When you finish, we keep nothing: the kiosk&apos;s journal holds no personal data.</translation>
    </message>
    <message>
        <location filename="../qml/HelpScreen.qml" line="97"/>
        <source>Zamknij pomoc</source>
        <translation>Close help</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../qml/IdleScreen.qml" line="29"/>
        <source>Włóż legitymację studencką do czytnika</source>
        <translation>Insert your student ID card into the reader</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="32"/>
        <source>Zamówisz tu mLegitymację — legitymację studencką w aplikacji mObywatel.</source>
        <translation>Order your mLegitymacja here — the student ID in the mObywatel app.</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="72"/>
        <source>Kto może zamówić?</source>
        <translation>Who can order?</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="77"/>
        <source>aktywni studenci,</source>
        <translation>active students,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="78"/>
        <source>z numerem PESEL i numerem albumu w USOS,</source>
        <translation>with a PESEL number and a student number in USOS,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="79"/>
        <source>ze zdjęciem w USOS,</source>
        <translation>with a photo in USOS,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="80"/>
        <source>z przedłużoną plastikową legitymacją,</source>
        <translation>with an extended plastic student ID card,</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="81"/>
        <source>których dane osobowe nie zmieniły się od wydania legitymacji.</source>
        <translation>whose personal details have not changed since the card was issued.</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="40"/>
        <source>Czytnik jest pod ekranem.</source>
        <translation>The card reader is below the screen.</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="38"/>
        <source>Czytnik jest na prawo od ekranu.</source>
        <translation>The card reader is to the right of the screen.</translation>
    </message>
    <message>
        <location filename="../qml/IdleScreen.qml" line="39"/>
        <source>Czytnik jest na lewo od ekranu.</source>
        <translation>The card reader is to the left of the screen.</translation>
    </message>
</context>
<context>
    <name>KioskHeader</name>
    <message>
        <location filename="../qml/KioskHeader.qml" line="36"/>
        <source>Kiosk legitymacji studenckiej</source>
        <translation>Student ID card kiosk</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="28"/>
        <source>Kiosk mLegitymacji</source>
        <translation>mLegitymacja kiosk</translation>
    </message>
</context>
<context>
    <name>OrderInProgressScreen</name>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="19"/>
        <source>Zamawiamy Twoją mLegitymację</source>
        <translation>Ordering your mLegitymacja</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="29"/>
        <source>Oczekujące</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="29"/>
        <source>W toku</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="29"/>
        <source>Gotowe</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="32"/>
        <source>Trwa realizacja zamówienia</source>
        <translation>Order in progress</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="36"/>
        <source>To zwykle trwa kilka sekund. Nie wyjmuj legitymacji.</source>
        <translation>This usually takes a few seconds. Leave your card in the reader.</translation>
    </message>
    <message>
        <location filename="../qml/OrderInProgressScreen.qml" line="42"/>
        <source>Anuluj zamówienie</source>
        <translation>Cancel the order</translation>
    </message>
</context>
<context>
    <name>OutOfServiceScreen</name>
    <message>
        <location filename="../qml/OutOfServiceScreen.qml" line="18"/>
        <source>Kiosk jest nieczynny</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <location filename="../qml/OutOfServiceScreen.qml" line="19"/>
        <source>Zamów mLegitymację w USOSweb albo skorzystaj z innego kiosku.</source>
        <translation>Order your mLegitymacja in USOSweb or use another kiosk.</translation>
    </message>
    <message>
        <location filename="../qml/OutOfServiceScreen.qml" line="20"/>
        <source>Kod dla obsługi: %1</source>
        <translation>Code for technical staff: %1</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <location filename="../qml/ProblemScreen.qml" line="31"/>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>ReaderMissingScreen</name>
    <message>
        <location filename="../qml/ReaderMissingScreen.qml" line="16"/>
        <source>Czytnik jest niedostępny</source>
        <translation>The card reader is not available</translation>
    </message>
    <message>
        <location filename="../qml/ReaderMissingScreen.qml" line="17"/>
        <source>Próbujemy przywrócić go do działania. Jeśli potrwa to dłużej, zgłoś to w dziekanacie.</source>
        <translation>We are trying to get it working again. If this takes longer, tell your dean&apos;s office.</translation>
    </message>
    <message>
        <location filename="../qml/ReaderMissingScreen.qml" line="18"/>
        <source>mLegitymację możesz też zamówić w USOSweb.</source>
        <translation>You can also order your mLegitymacja in USOSweb.</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <location filename="../qml/ReadingScreen.qml" line="18"/>
        <source>Trwa odczyt</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../qml/ReadingScreen.qml" line="23"/>
        <source>Sprawdzamy legitymację…</source>
        <translation>Checking your student ID card…</translation>
    </message>
    <message>
        <location filename="../qml/ReadingScreen.qml" line="27"/>
        <source>Nie wyjmuj legitymacji z czytnika.</source>
        <translation>Leave your card in the reader.</translation>
    </message>
</context>
<context>
    <name>ReadyScreen</name>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="20"/>
        <source>Twoja mLegitymacja jest gotowa</source>
        <translation>Your mLegitymacja is ready</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="40"/>
        <source>Kod QR do zeskanowania w aplikacji mObywatel</source>
        <translation>QR code to scan in the mObywatel app</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="58"/>
        <source>Kod aktywacyjny</source>
        <translation>Activation code</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="80"/>
        <source>Kod aktywacyjny: %1</source>
        <translation>Activation code: %1</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="99"/>
        <source>Data zamówienia:</source>
        <translation>Order date:</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="101"/>
        <source>Termin ważności:</source>
        <translation>Valid until:</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="122"/>
        <source>Kod QR ze stroną pobierania aplikacji mObywatel</source>
        <translation>QR code with the mObywatel download page</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="129"/>
        <source>Nie masz aplikacji mObywatel? Zeskanuj ten kod, aby ją pobrać:</source>
        <translation>No mObywatel app yet? Scan this code to download it:</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="148"/>
        <source>Zakończ</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../qml/ReadyScreen.qml" line="155"/>
        <source>Ekran zamknie się za %1 s</source>
        <translation>This screen closes in %1 s</translation>
    </message>
</context>
<context>
    <name>ServiceUnavailableScreen</name>
    <message>
        <location filename="../qml/ServiceUnavailableScreen.qml" line="16"/>
        <source>USOS jest chwilowo niedostępny</source>
        <translation>USOS is unavailable right now</translation>
    </message>
    <message>
        <location filename="../qml/ServiceUnavailableScreen.qml" line="17"/>
        <source>Spróbujemy ponownie za chwilę; możesz też spróbować później lub zamówić mLegitymację w USOSweb.</source>
        <translation>We will try again shortly; you can also try later or order your mLegitymacja in USOSweb.</translation>
    </message>
    <message>
        <location filename="../qml/ServiceUnavailableScreen.qml" line="18"/>
        <source>Jeśli nie chcesz czekać, wyjmij legitymację z czytnika.</source>
        <translation>If you do not want to wait, take your card out of the reader.</translation>
    </message>
</context>
<context>
    <name>StepList</name>
    <message>
        <location filename="../qml/StepList.qml" line="64"/>
        <source>Zrobione: </source>
        <translation>Done: </translation>
    </message>
    <message>
        <location filename="../qml/StepList.qml" line="65"/>
        <source>Teraz: </source>
        <translation>Now: </translation>
    </message>
</context>
</TS>
