#include <els/ui/preview-states.hpp>

namespace els::ui {
namespace {

kiosk::ScreenState onScreen(kiosk::Screen screen) {
    kiosk::ScreenState state;
    state.screen = screen;
    return state;
}

} // namespace

std::vector<NamedState> previewStates() {
    using kiosk::Problem;
    using kiosk::Screen;
    using kiosk::ScreenState;

    ScreenState order;
    order.firstName = "Zofia";
    order.orderDate = "2025-10-01";
    order.expirationDate = "2026-10-31";

    ScreenState ready = order;
    ready.screen = Screen::Ready;
    ready.orderStatus = "ready";
    ready.token = "DEMO-mlegitymacja-7f3a9c21-4b6e-9a55-0c3e7d1f2b68";
    ready.activationCode = "K7QM4ZP2XR9T";
    // The offers as the session engine makes them for these screens.
    ready.offer = {.revoke = true, .done = true, .moreTime = true};
    ready.secondsLeft = 90;

    ScreenState inProgress = order;
    inProgress.screen = Screen::OrderInProgress;
    inProgress.orderStatus = "in_progress";
    inProgress.offer = {.cancel = true, .moreTime = true};

    ScreenState existing = order;
    existing.screen = Screen::ExistingOrder;
    existing.orderStatus = "pending";
    existing.offer = {.cancel = true, .done = true, .moreTime = true};

    ScreenState confirmOrder;
    confirmOrder.screen = Screen::ConfirmOrder;
    confirmOrder.firstName = "Zofia";
    confirmOrder.offer = {.order = true, .done = true, .moreTime = true};

    ScreenState problem;
    problem.screen = Screen::Problem;
    problem.problem = Problem::CardNotExtended;
    problem.offer = {.done = true, .moreTime = true};

    ScreenState refused;
    refused.screen = Screen::Problem;
    refused.problem = Problem::UsosRefused;
    refused.usosReason = {"Masz już aktywną mLegitymację wydaną 12.09.2025.",
                          "You already have an active mLegitymacja issued on 12.09.2025."};
    refused.offer = problem.offer;

    ScreenState confirmCancel = existing;
    confirmCancel.screen = Screen::ConfirmCancel;
    confirmCancel.offer = {.confirm = true, .back = true, .moreTime = true};

    ScreenState confirmRevoke = ready;
    confirmRevoke.screen = Screen::ConfirmRevoke;
    confirmRevoke.token.clear();
    confirmRevoke.activationCode.clear();
    confirmRevoke.offer = confirmCancel.offer;

    ScreenState goodbye;
    goodbye.screen = Screen::Goodbye;
    goodbye.secondsLeft = 5;

    ScreenState goodbyeCancelled = goodbye;
    goodbyeCancelled.orderStatus = "cancelled";

    ScreenState outOfService = onScreen(Screen::OutOfService);
    outOfService.errorCode = "trust_anchors_invalid";

    return {
        {"idle", ScreenState{}},
        {"reading", onScreen(Screen::Reading)},
        {"problem", problem},
        {"problem-usos-refused", refused},
        {"confirm-order", confirmOrder},
        {"order-in-progress", inProgress},
        {"ready", ready},
        {"existing-order", existing},
        {"confirm-cancel", confirmCancel},
        {"confirm-revoke", confirmRevoke},
        {"reader-missing", onScreen(Screen::ReaderMissing)},
        {"service-unavailable", onScreen(Screen::ServiceUnavailable)},
        {"goodbye", goodbye},
        {"goodbye-cancelled", goodbyeCancelled},
        {"out-of-service", outOfService},
    };
}

} // namespace els::ui
