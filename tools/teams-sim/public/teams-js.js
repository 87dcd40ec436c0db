// teams-sim's stand-in for the Microsoft Teams JavaScript client library (TeamsJS) in a sign-in popup.
// A page the Teams client opened for sign-in ends it with microsoftTeams.authentication.notifySuccess(result)
// or notifyFailure(reason): the result goes to the chat page that opened the popup, and the popup closes.
(function () {
  'use strict';

  var MESSAGE_TYPE = 'teams-sim/authentication';
  // The chat page is served from where this script is: only it may read the result.
  var script = document.currentScript;
  var chatOrigin = script && script.src ? new URL(script.src).origin : '*';

  function notify(outcome, value) {
    if (!window.opener) throw new Error('teams-sim: this page was not opened by the Teams chat page (no window.opener)');
    window.opener.postMessage({ type: MESSAGE_TYPE, outcome: outcome, value: value === undefined ? '' : String(value) }, chatOrigin);
    window.close();
  }

  var authentication = {
    notifySuccess: function (result) {
      notify('success', result);
    },
    notifyFailure: function (reason) {
      notify('failure', reason);
    },
  };

  var app = {
    initialize: function () {
      return Promise.resolve();
    },
    isInitialized: function () {
      return true;
    },
  };

  window.microsoftTeams = {
    app: app,
    authentication: authentication,
    // TeamsJS 1.x: initialize(callback).
    initialize: function (callback) {
      if (typeof callback === 'function') callback();
    },
  };
})();
