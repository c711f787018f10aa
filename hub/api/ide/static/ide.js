// Starts GraphiQL on the page that loaded it. The page is served by the GraphQL endpoint
// itself, so queries go back to the page's own path: /graphql, or /t/<tenant>/graphql.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("hub-ide-config").textContent);
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.defaultHeaders,
      // The bearer token is what a newcomer must see first; it is never stored.
      defaultEditorToolsVisibility: "headers",
      shouldPersistHeaders: false,
    })
  );
})();
