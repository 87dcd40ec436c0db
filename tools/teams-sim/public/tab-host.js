// teams-sim's Teams client around a tab: answers the Microsoft Teams JavaScript client library (TeamsJS 2.x)
// over postMessage as the Teams web client does. TeamsJS sends { id, uuidAsString, func, args } to its parent;
// the host answers { id, uuidAsString, args } to the tab's origin. Supported: `initialize` (frame context
// `content`, host client type `web`, a runtime config that declares `authentication`), `getContext`,
// `authentication.getAuthToken` (the person's SSO token for the app, or the failure Teams reports),
// `authentication.authenticate` (a sign-in window whose TeamsJS ends it with notifySuccess / notifyFailure;
// closed by the person: `CancelledByUser`), and the app's initialization notices. In the frame context `settings`
// (a configurable tab's configuration page in Teams' configuration dialog): `settings.setValidityState` turns the
// dialog's Save button on or off, `settings.setSettings` / `settings.getSettings` hold the tab's configuration, Save
// sends `settings.save` to the page, and its `settings.save.success` records the configuration with the sim
// (`settings.save.failure`: the reason is shown). Anything else is answered with TeamsJS's "not supported" error.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('tab-host-config').textContent);
  var frame = document.getElementById('tab');
  var calls = [];
  var notices = [];
  /** For tests: what the tab asked, and the initialization notices it sent. */
  window.tabHost = { calls: calls, notices: notices };

  // The Teams web client's own SDK level; a JSON runtime config with apiVersion 4 makes TeamsJS use it as given.
  var CLIENT_SDK_VERSION = '2.24.0';
  var RUNTIME = {
    apiVersion: 4,
    isLegacyTeams: false,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: {
      appInstallDialog: {},
      authentication: {},
      dialog: { card: {}, url: {}, update: {} },
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      teams: { fullTrust: {} },
    },
  };
  var NOT_SUPPORTED_ON_PLATFORM = 100;
  var ONE_WAY = ['settings.setValidityState', 'settings.save.success', 'settings.save.failure', 'appInitialization.success', 'appInitialization.failure', 'appInitialization.expectedFailure', 'appInitialization.appLoaded', 'registerHandler', 'handlerRegistered'];

  function answer(target, origin, request, args) {
    target.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args: args }, origin);
  }

  function reply(request, args) {
    answer(frame.contentWindow, config.tabOrigin, request, args);
  }

  // The sign-in window of `authentication.authenticate`, and the tab's request it answers.
  var signin = null;

  function endSignin(args) {
    if (!signin) return;
    var ended = signin;
    signin = null;
    clearInterval(ended.watch);
    reply(ended.request, args);
    if (!ended.window.closed) ended.window.close();
  }

  function authenticate(request) {
    endSignin([false, 'CancelledByUser']);
    var width = Number(request.args[1]) || 600;
    var height = Number(request.args[2]) || 535;
    var opened = window.open(String(request.args[0]), 'teams-sim-authentication', 'popup,width=' + width + ',height=' + height);
    if (!opened) return reply(request, [false, 'FailedToOpenWindow']);
    signin = { request: request, window: opened, watch: 0 };
    signin.watch = setInterval(function () {
      if (signin && signin.window.closed) endSignin([false, 'CancelledByUser']);
    }, 250);
  }

  // What the sign-in window's TeamsJS says: it initialises in the `authentication` frame context, then ends the sign-in.
  function fromSigninWindow(event) {
    var request = event.data;
    calls.push('authentication window: ' + request.func);
    if (request.func === 'initialize') return answer(event.source, event.origin, request, ['authentication', 'web', JSON.stringify(RUNTIME), CLIENT_SDK_VERSION]);
    if (request.func === 'getContext') return answer(event.source, event.origin, request, [Object.assign({}, config.context, { frameContext: 'authentication' })]);
    if (request.func === 'authentication.authenticate.success') return endSignin([true, request.args[0]]);
    if (request.func === 'authentication.authenticate.failure') return endSignin([false, request.args[0]]);
    answer(event.source, event.origin, request, [{ errorCode: NOT_SUPPORTED_ON_PLATFORM, message: "teams-sim's tab host does not support " + request.func }]);
  }

  function getAuthToken(request) {
    fetch(config.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: config.user }) })
      .then(function (response) {
        return response.json().then(function (body) {
          reply(request, response.ok ? [true, body.token] : [false, body.error || 'tokenMissing']);
        });
      })
      .catch(function () {
        reply(request, [false, 'tokenMissing']);
      });
  }

  // Teams' configuration dialog (frame context `settings`): the configuration the page set, and its Save button.
  var settings = null;
  var saveButton = document.getElementById('tab-host-save');
  var saveState = document.getElementById('tab-host-save-state');

  function saved() {
    if (!settings) return (saveState.textContent = 'The app set no configuration (pages.config.setConfig).');
    fetch(config.tabConfigUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: config.user, config: settings }) })
      .then(function (response) {
        saveState.textContent = response.ok ? 'Saved.' : 'Could not save (' + response.status + ').';
      })
      .catch(function () {
        saveState.textContent = 'Could not save.';
      });
  }

  var settingsNotices = {
    'settings.setValidityState': function (args) {
      if (saveButton) saveButton.disabled = args[0] !== true;
    },
    'settings.save.success': saved,
    'settings.save.failure': function (args) {
      saveState.textContent = 'The app could not save: ' + String(args[0] || '');
    },
  };

  if (saveButton) {
    saveButton.addEventListener('click', function () {
      saveState.textContent = 'Saving…';
      frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, config.tabOrigin);
    });
  }

  var handlers = {
    initialize: function (request) {
      reply(request, [config.context.frameContext, 'web', JSON.stringify(RUNTIME), CLIENT_SDK_VERSION]);
    },
    'settings.setSettings': function (request) {
      settings = request.args[0];
      reply(request, [true]);
    },
    'settings.getSettings': function (request) {
      reply(request, [settings || {}]);
    },
    getContext: function (request) {
      reply(request, [config.context]);
    },
    'authentication.getAuthToken': getAuthToken,
    'authentication.authenticate': authenticate,
  };

  window.addEventListener('message', function (event) {
    var request = event.data;
    if (!request || typeof request.func !== 'string' || typeof request.id !== 'number') return;
    if (signin && event.source === signin.window) return fromSigninWindow(event);
    if (event.source !== frame.contentWindow || event.origin !== config.tabOrigin) return;
    calls.push(request.func);
    if (handlers[request.func]) return handlers[request.func](request);
    if (settingsNotices[request.func]) settingsNotices[request.func](request.args || []);
    if (ONE_WAY.indexOf(request.func) >= 0) return notices.push({ func: request.func, args: request.args });
    reply(request, [{ errorCode: NOT_SUPPORTED_ON_PLATFORM, message: "teams-sim's tab host does not support " + request.func }]);
  });

  frame.src = config.tabUrl;
})();
