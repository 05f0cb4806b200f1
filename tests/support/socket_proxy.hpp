#pragma once
// A Unix-socket relay in front of PostgreSQL that can make the connections it carries go silent
// without closing them, as a network cut or a vanished host does: the client's socket stays
// open and nothing ever arrives. Connections made after freeze() are relayed normally.

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace ctl::testing {

class SocketProxy {
public:
    // Listens on `listen_path` and relays each connection to `target_path`.
    SocketProxy(std::string target_path, const std::string& listen_path) : m_target(std::move(target_path)) {
        m_listen = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr = address(listen_path);
        ::unlink(listen_path.c_str());
        if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_listen, 16) != 0)
            throw std::runtime_error("socket proxy: cannot listen on " + listen_path);
        m_path = listen_path;
        m_thread = std::thread([this] { serve(); });
    }
    ~SocketProxy() {
        m_stop = true;
        m_thread.join();
        for (auto& t : m_relays) t.join();
        ::close(m_listen);
        ::unlink(m_path.c_str());
    }
    SocketProxy(const SocketProxy&) = delete;

    // The connections open now stop passing data either way, and stay open.
    void freeze() {
        std::lock_guard lock(m_mutex);
        for (auto& f : m_frozen) *f = true;
    }
    int connections() const { return m_connections; }

private:
    static sockaddr_un address(const std::string& path) {
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (path.size() >= sizeof addr.sun_path) throw std::runtime_error("socket proxy: path too long: " + path);
        std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
        return addr;
    }

    void serve() {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            int client = ::accept(m_listen, nullptr, nullptr);
            if (client < 0) continue;
            int server = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un addr = address(m_target);
            if (::connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
                ::close(server);
                ::close(client);
                continue;
            }
            ++m_connections;
            auto frozen = std::make_shared<std::atomic<bool>>(false);
            std::lock_guard lock(m_mutex);
            m_frozen.push_back(frozen);
            m_relays.emplace_back([this, client, server, frozen] { relay(client, server, *frozen); });
        }
    }

    // Copies bytes both ways until either side closes, or, frozen, holds both open until the end.
    void relay(int client, int server, const std::atomic<bool>& frozen) {
        char buf[16384];
        while (!m_stop) {
            if (frozen) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
            pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
            if (::poll(p, 2, 50) <= 0) continue;
            if (frozen) continue;
            bool closed = false;
            for (int i = 0; i < 2 && !closed; ++i) {
                if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                auto n = ::recv(p[i].fd, buf, sizeof buf, 0);
                if (n <= 0 || ::send(p[1 - i].fd, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) closed = true;
            }
            if (closed) break;
        }
        ::close(client);
        ::close(server);
    }

    std::string m_target, m_path;
    int m_listen = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::mutex m_mutex;
    std::vector<std::shared_ptr<std::atomic<bool>>> m_frozen;
    std::vector<std::thread> m_relays;
    std::thread m_thread;
};

}  // namespace ctl::testing
