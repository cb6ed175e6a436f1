/*
 * The Klarna emulator's stand-in for Klarna's Payments JS SDK (https://x.klarnacdn.net/kp/lib/v1/api.js).
 * Same surface and callback shapes: Klarna.Payments.init / load / authorize. The widget is a plain
 * DOM block, the authorize step an in-page dialog with Approve / Decline / Close, answered from the
 * emulator's session state. BASE is set to the emulator's URL when the emulator serves the file.
 */
;(function () {
  "use strict"
  var BASE = "__EMULATOR_BASE_URL__"
  var state = { clientToken: null, sessionId: null }

  function sessionIdOf(clientToken) {
    try {
      var part = String(clientToken).split(".")[1].replace(/-/g, "+").replace(/_/g, "/")
      while (part.length % 4) part += "="
      return JSON.parse(atob(part)).session_id || null
    } catch (e) {
      return null
    }
  }

  // Klarna's signature: (options, data?, callback)
  function args(options, data, callback) {
    if (typeof data === "function") return { options: options || {}, data: undefined, callback: data }
    return { options: options || {}, data: data, callback: typeof callback === "function" ? callback : function () {} }
  }

  function call(method, path, body) {
    return fetch(BASE + path, {
      method: method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok)
          throw new Error((json && json.error_messages && json.error_messages.join("; ")) || "HTTP " + res.status)
        return json
      })
    })
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    for (var key in attrs || {}) {
      if (key === "style") node.style.cssText = attrs.style
      else if (key === "text") node.textContent = attrs.text
      else node.setAttribute(key, attrs[key])
    }
    ;(children || []).forEach(function (child) {
      node.appendChild(child)
    })
    return node
  }

  function money(minor, currency) {
    try {
      var format = new Intl.NumberFormat(undefined, { style: "currency", currency: currency })
      return format.format(minor / Math.pow(10, format.resolvedOptions().maximumFractionDigits))
    } catch (e) {
      return (minor / 100).toFixed(2) + " " + currency
    }
  }

  function summary(category) {
    var path = "/kp/widget/sessions/" + encodeURIComponent(state.sessionId || "-")
    return call("GET", path + "?client_token=" + encodeURIComponent(state.clientToken || "")).then(function (session) {
      var match = session.payment_method_categories.filter(function (c) {
        return c.identifier === category
      })[0]
      if (!match) {
        var error = new Error("payment_method_category")
        error.invalidFields = ["payment_method_category"]
        throw error
      }
      return { session: session, category: match }
    })
  }

  function init(options) {
    if (!options || !options.client_token) throw new Error("Klarna.Payments.init: client_token is required")
    state.clientToken = options.client_token
    state.sessionId = sessionIdOf(options.client_token)
  }

  function load(options, data, callback) {
    var a = args(options, data, callback)
    var container =
      typeof a.options.container === "string" ? document.querySelector(a.options.container) : a.options.container
    var category = a.options.payment_method_category || "pay_later"
    if (!container) return a.callback({ show_form: false, error: { invalid_fields: ["container"] } })
    summary(category).then(
      function (found) {
        var s = found.session
        container.innerHTML = ""
        container.appendChild(
          el(
            "div",
            {
              "data-testid": "klarna-emulator-widget",
              "data-category": category,
              style:
                "border:1px solid #ffb3c7;border-radius:8px;padding:12px 16px;font:14px system-ui,sans-serif;background:#fff",
            },
            [
              el("div", { style: "font-weight:700;color:#17120f", text: "Klarna · " + found.category.name }),
              el("div", {
                "data-testid": "klarna-emulator-amount",
                "data-minor": String(s.order_amount),
                style: "margin-top:4px;color:#555",
                text: money(s.order_amount, s.purchase_currency) + " · " + s.order_lines.length + " order lines",
              }),
              el("div", {
                style: "margin-top:4px;color:#999;font-size:12px",
                text: "Klarna emulator (offline test widget)",
              }),
            ]
          )
        )
        a.callback({ show_form: true })
      },
      function (error) {
        a.callback({ show_form: false, error: { invalid_fields: error.invalidFields || [], message: error.message } })
      }
    )
  }

  /** The shopper's step: resolves with "approve", "decline" or "close". */
  function askShopper(session, category) {
    return new Promise(function (resolve) {
      var button = function (id, label, style) {
        var b = el("button", {
          type: "button",
          "data-testid": "klarna-emulator-" + id,
          style: "padding:8px 14px;border-radius:6px;font:600 14px system-ui,sans-serif;cursor:pointer;" + style,
          text: label,
        })
        b.addEventListener("click", function () {
          overlay.remove()
          resolve(id)
        })
        return b
      }
      var overlay = el(
        "div",
        {
          "data-testid": "klarna-emulator-dialog",
          role: "dialog",
          "aria-label": "Klarna",
          style:
            "position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:2147483647",
        },
        [
          el(
            "div",
            {
              style:
                "background:#fff;border-radius:12px;padding:20px 24px;min-width:300px;max-width:90vw;font:14px system-ui,sans-serif;box-shadow:0 10px 40px rgba(0,0,0,.3);position:relative",
            },
            [
              button(
                "close",
                "×",
                "position:absolute;top:8px;right:8px;border:0;background:none;font-size:20px;line-height:1"
              ),
              el("div", { style: "font-weight:700;font-size:16px", text: "Klarna · " + category.name }),
              el("div", {
                style: "margin:8px 0 16px;color:#333",
                text: "Pay " + money(session.order_amount, session.purchase_currency) + "?",
              }),
              el("div", { style: "display:flex;gap:8px" }, [
                button("approve", "Approve", "background:#ffb3c7;border:0;color:#17120f"),
                button("decline", "Decline", "background:#fff;border:1px solid #ccc;color:#333"),
              ]),
            ]
          ),
        ]
      )
      document.body.appendChild(overlay)
    })
  }

  function authorize(options, data, callback) {
    var a = args(options, data, callback)
    var category = a.options.payment_method_category || "pay_later"
    summary(category)
      .then(function (found) {
        return askShopper(found.session, found.category).then(function (choice) {
          // closing Klarna's dialog is an abandon: the form stays usable
          if (choice === "close") return { approved: false, show_form: true }
          var path = "/kp/widget/sessions/" + encodeURIComponent(state.sessionId) + "/authorize"
          return call("POST", path, { client_token: state.clientToken, approve: choice === "approve" }).then(
            function (reply) {
              if (!reply.approved) return { approved: false, show_form: false }
              return { approved: true, show_form: true, authorization_token: reply.authorization_token }
            }
          )
        })
      })
      .then(a.callback, function (error) {
        a.callback({
          approved: false,
          show_form: false,
          error: { invalid_fields: error.invalidFields || [], message: error.message },
        })
      })
  }

  window.Klarna = window.Klarna || {}
  window.Klarna.Payments = { init: init, load: load, authorize: authorize }
  if (typeof window.klarnaAsyncCallback === "function") window.klarnaAsyncCallback()
})()
