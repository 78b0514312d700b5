// els-latency-proxy: a loopback TCP forwarder adding latency, for the WAN benchmark.
#include "latency-proxy.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <pthread.h>
#include <string>
#include <thread>

namespace {

void usage() {
    std::fputs("usage: els-latency-proxy --target HOST:PORT --delay-ms N [--listen-port P]\n"
               "                         [--port-file FILE] [--idle-close-ms M]\n"
               "Forwards 127.0.0.1:P (0 = a free port) to HOST:PORT holding every byte N ms in\n"
               "each direction; a new connection costs one more round trip (2N) before its first\n"
               "byte leaves, like a TCP handshake over the network. --idle-close-ms closes a\n"
               "connection idle for M ms both ways (a server's keep-alive timeout). Prints the\n"
               "port it listens on; SIGTERM/SIGINT stop it.\n",
               stderr);
}

bool number(const char* text, long max, long& out) {
    char* end = nullptr;
    errno = 0;
    out = std::strtol(text, &end, 10);
    return errno == 0 && end != text && *end == '\0' && out >= 0 && out <= max;
}

} // namespace

int main(int argc, char* argv[]) {
    els::bench::LatencyProxySettings settings;
    std::string portFile;
    bool haveTarget = false;
    bool haveDelay = false;
    for (int i = 1; i < argc; ++i) {
        const std::string option = argv[i];
        if (i + 1 >= argc) {
            usage();
            return 2;
        }
        const char* value = argv[++i];
        long n = 0;
        if (option == "--target") {
            const std::string target = value;
            const auto colon = target.rfind(':');
            if (colon == std::string::npos || !number(target.c_str() + colon + 1, 65535, n)) {
                usage();
                return 2;
            }
            settings.targetHost = target.substr(0, colon);
            settings.targetPort = static_cast<std::uint16_t>(n);
            haveTarget = true;
        } else if (option == "--delay-ms" && number(value, 600000, n)) {
            settings.oneWay = std::chrono::milliseconds(n);
            haveDelay = true;
        } else if (option == "--listen-port" && number(value, 65535, n)) {
            settings.listenPort = static_cast<std::uint16_t>(n);
        } else if (option == "--idle-close-ms" && number(value, 3600000, n)) {
            settings.idleClose = std::chrono::milliseconds(n);
        } else if (option == "--port-file") {
            portFile = value;
        } else {
            usage();
            return 2;
        }
    }
    if (!haveTarget || !haveDelay) {
        usage();
        return 2;
    }

    // The signals are taken by sigwait below, never delivered to the serving thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    try {
        els::bench::LatencyProxy proxy(settings);
        std::printf("els-latency-proxy listening on 127.0.0.1:%u\n", proxy.port());
        std::fflush(stdout);
        if (!portFile.empty())
            std::ofstream(portFile) << proxy.port() << '\n';
        std::jthread server([&proxy](std::stop_token stop) { proxy.run(stop); });
        int signal = 0;
        sigwait(&signals, &signal);
        return 0; // ~jthread stops and joins the server
    } catch (const std::exception& e) {
        std::fprintf(stderr, "els-latency-proxy: %s\n", e.what());
        return 1;
    }
}
