/*
 * The sign-in page's only script (served from the bot's own host, like Teams JS; docs/architecture.md, "Sign-in").
 * When Teams opened the page for a card's sign-in, it hands the one-time code to Teams
 * (authentication.notifySuccess): Teams then sends the card action again with the code and closes this window.
 * Teams JS talks only to a window on one of Teams' own https origins, so a page that opened this one cannot pose
 * as Teams to receive the code. Anywhere else (a browser, the Agents Playground) the script does nothing, and the
 * page asks the user to type the code into the chat.
 */
(function () {
  'use strict';
  var element = document.getElementById('signin-code');
  var teams = window.microsoftTeams;
  if (!element || !teams) return;
  var code = element.textContent.trim();
  teams.app.initialize().then(
    function () {
      if (teams.app.getFrameContext() === teams.FrameContexts.authentication) teams.authentication.notifySuccess(code);
    },
    function () {
      // Not inside Teams: the code on the page is the way.
    },
  );
})();
