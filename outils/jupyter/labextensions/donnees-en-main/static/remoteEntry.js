/* Données en main: the course's JupyterLab extension, prebuilt by hand (no build step, no dependency).

   JupyterLab 4 loads a "federated" extension from any folder of its labextensions path (package.json with
   jupyterlab._build, see outils/jupyter/labextensions/donnees-en-main/package.json): it runs this script, then asks
   the container window._JUPYTERLAB["donnees-en-main"] for its "./style" module (the course's one stylesheet,
   style.css next to this file) and its "./extension" module (the plugin below). Loaded by the class hub's servers
   and by outils/atelier.sh alike, through donnees_en_main.atelier.options_jupyterlab().

   The plugin:
   - on a phone (narrow screen), folds the side panels (the file list took half the screen), and the file list again
     once a document is opened from it;
   - nbgrader's Assignment List: « (view feedback) » opens the French feedback page itself, not its timestamped
     folder in the file list;
   - nbgrader's « Validate » dialog, hard-coded in English, says in French what the check really is: that the
     notebook runs, not that the answers are right (the hidden tests are not in the learner's copy);
   - an nbgrader assignment's tab reads « Devoir : <notebook>.ipynb », so that it is not confused with the workshop
     notebook of the same name (on the class hub, the assignment is also in its own folder, devoirs/, which the file
     list's path and the tab's tooltip show);
   - running cells (« Tout exécuter », Maj + Entrée) before the notebook's kernel is there waits for it, instead of
     running nothing;
   - on a touch screen, a tap on a menu's item does what it says (JupyterLab 4.6 ignored it). */
(function () {
  'use strict';
  var NOM = 'donnees-en-main';
  var ici = document.currentScript ? document.currentScript.src.replace(/[^/?#]*([?#].*)?$/, '') : '';
  var TELEPHONE = '(max-width: 760px)';
  var EXECUTION = /^(notebook:run-|notebook:restart-run-all|runmenu:run)/;  // commands that run cells

  // The "./style" module: a promise, which JupyterLab waits for before laying out its shell (the phone layout of
  // style.css changes the height of the menu bar). A stylesheet that fails to load does not block JupyterLab.
  function feuilleDeStyle() {
    return new Promise(function (fini) {
      var lien = document.createElement('link');
      lien.rel = 'stylesheet';
      lien.href = ici + 'style.css';
      lien.setAttribute('data-donnees-en-main', '');
      lien.onload = lien.onerror = function () { fini({}); };
      document.head.appendChild(lien);
    });
  }

  // -- nbgrader's « Validate » dialog, in French ------------------------------------------------------
  var VALIDATION = {
    titre: 'Vérification du carnet avant de le rendre',
    'validation-success': "Votre carnet s'exécute sans erreur et peut être rendu. Cette vérification ne dit pas " +
      'si vos réponses sont justes : la note viendra avec la correction.',
    'validation-failed': "Cette cellule s'arrête sur une erreur (le message en dessous de son code dit pourquoi) : " +
      'revoyez la réponse qui la précède, exécutez-la, puis vérifiez à nouveau.',
    'validation-changed': "Cette cellule fournie par l'animateur a été modifiée. À la correction, elle sera remise " +
      'telle quelle : vos changements dans cette cellule ne compteront pas. Remettez-la comme avant ' +
      '(menu Édition, Annuler), puis vérifiez à nouveau.',
    'validation-type-changed': "Cette cellule a changé de type (texte au lieu de code, ou l'inverse) ; elle ne le " +
      'devait pas. Cliquez dessus, remettez son type d’origine dans la liste en haut du carnet (« Code » ou ' +
      '« Markdown »), puis vérifiez à nouveau.',
    'validation-passed': 'Ces cellules de vérification réussissent déjà alors que le devoir est vide : ' +
      "prévenez l'animateur.",
    erreur: "La vérification n'a pas pu se faire. Enregistrez le carnet et réessayez ; si cela recommence, " +
      "montrez ce message à l'animateur :"
  };

  function traduireValidation(message) {
    if (message.hasAttribute('data-dem-traduit')) {
      return;
    }
    message.setAttribute('data-dem-traduit', '');
    var cas = Object.keys(VALIDATION).filter(function (c) { return message.classList.contains(c); })[0];
    var phrases = message.querySelectorAll(':scope > div > p');
    for (var i = 0; i < phrases.length; i++) {
      phrases[i].textContent = VALIDATION[cas || 'erreur'];
    }
  }

  function traduireTitresValidation() {
    // The dialog's header may be laid out after its body: checked on every change of the page.
    var titres = document.querySelectorAll('.jp-Dialog-content .jp-Dialog-header');
    for (var i = 0; i < titres.length; i++) {
      var dialogue = titres[i].closest('.jp-Dialog-content');
      if (titres[i].textContent !== VALIDATION.titre && dialogue.querySelector('#validation-message')) {
        titres[i].textContent = VALIDATION.titre;
      }
    }
  }

  // -- The feedback link of the Assignment List ------------------------------------------------------
  function ouvrirRetour(app, dossier) {
    // dossier: <assignment>/feedback/<timestamp>, relative to the server's root; its pages are <notebook>.html.
    return app.serviceManager.contents.get(dossier, { content: true }).then(function (modele) {
      var pages = modele.content.filter(function (f) { return /\.html$/.test(f.name); });
      if (!pages.length) {
        return app.commands.execute('filebrowser:go-to-path', { path: dossier });
      }
      return Promise.all(pages.map(function (f) {
        return app.commands.execute('docmanager:open', { path: f.path, factory: 'HTML Viewer' });
      }));
    });
  }

  function renommerLiensRetour(racine) {
    var liens = racine.querySelectorAll('a');
    for (var i = 0; i < liens.length; i++) {
      if (liens[i].textContent === ' (view feedback)' || liens[i].textContent === '(view feedback)') {
        liens[i].textContent = ' (voir la correction)';
        liens[i].classList.add('dem-lien-retour');
      }
    }
  }

  // -- Tabs: an assignment is not the workshop notebook of the same name ---------------------------------
  function estUnDevoir(widget) {
    var modele = widget.context && widget.context.model;
    if (!modele || !modele.cells) {
      return false;
    }
    for (var i = 0; i < modele.cells.length; i++) {
      if (modele.cells.get(i).getMetadata('nbgrader')) {
        return true;
      }
    }
    return false;
  }

  function nommerOnglet(widget) {
    if (!widget.context || widget.__demOnglet) {
      return;
    }
    widget.__demOnglet = true;
    var nommer = function () {
      // Not title.label: JupyterLab renames the file when a document's label changes. The tab gets a class, and
      // style.css writes « Devoir : » before its name. (Its tooltip is JupyterLab's own, with the file's path.)
      if (estUnDevoir(widget) && widget.title.className.split(' ').indexOf('dem-devoir') < 0) {
        widget.title.className += ' dem-devoir';
      }
    };
    widget.context.ready.then(nommer);
    widget.context.pathChanged.connect(function () { setTimeout(nommer, 0); });
  }

  var plugin = {
    id: NOM + ':atelier',
    description: "Données en main : JupyterLab pour les ateliers (téléphone, nbgrader en français).",
    autoStart: true,
    activate: function (app) {
      // Narrow screen: the side panels folded once the layout is restored (JupyterLab reopens the file list).
      app.restored.then(function () {
        if (window.matchMedia(TELEPHONE).matches) {
          app.shell.collapseLeft();
          app.shell.collapseRight();
        }
        app.shell.fit();  // the menu bar's height, from style.css (two rows on a phone)
        document.body.setAttribute('data-dem-pret', '');  // layout settled (the browser tests wait for it)
        // A notebook opened from the file list (two taps on its name) came up in a 40 px strip beside the list: on a
        // phone, a document (not the launcher JupyterLab opens on its own) brought to the front gets the screen, the
        // list folds away (its icon reopens it).
        app.shell.currentChanged.connect(function (_, changement) {
          var document_ = changement.newValue && changement.newValue.context;
          if (document_ && window.matchMedia(TELEPHONE).matches) {
            app.shell.collapseLeft();
          }
        });
      });

      // « (view feedback) »: nbgrader's link asks the file list to go to the feedback's folder.
      var executer = app.commands.execute.bind(app.commands);
      app.commands.execute = function (id, args) {
        var chemin = args && args.path;
        if (id === 'filebrowser:go-to-path' && typeof chemin === 'string' && /(^|\/)feedback\/[^/]+\/?$/.test(chemin)) {
          return ouvrirRetour(app, chemin.replace(/\/$/, ''));
        }
        // « Tout exécuter » (or Maj + Entrée) clicked just after opening a notebook, while its kernel is starting:
        // JupyterLab finds no kernel yet, clears the cells and runs nothing, silently. Run once the session is ready.
        var session = EXECUTION.test(id) && app.shell.currentWidget && app.shell.currentWidget.sessionContext;
        if (session && !session.isReady && !session.isDisposed) {
          return session.ready.then(function () { return executer(id, args); });
        }
        return executer(id, args);
      };

      // A finger on a menu's item (« Assignment List », « Exécuter toutes les cellules »…) did nothing in JupyterLab
      // 4.6 (jupyterlab/jupyterlab#19124): a menu picks the item the pointer moves over, and runs it when the pointer
      // is lifted; a finger lifts without moving. Before the menu sees the finger lifted, it is told the finger is
      // over that item. Mouse and pen are left alone.
      document.addEventListener('pointerup', function (evenement) {
        var element = evenement.target;
        var article = evenement.pointerType === 'touch' && element && element.closest && element.closest('.lm-Menu-item');
        if (article) {
          article.dispatchEvent(new PointerEvent('pointermove', {
            bubbles: true, cancelable: true, clientX: evenement.clientX, clientY: evenement.clientY,
            pointerId: evenement.pointerId, pointerType: 'touch', isPrimary: evenement.isPrimary
          }));
        }
      }, true);

      // Dialogs and lists drawn by nbgrader's own extension.
      var observateur = new MutationObserver(function () {
        var messages = document.querySelectorAll('#validation-message:not([data-dem-traduit])');
        for (var i = 0; i < messages.length; i++) {
          traduireValidation(messages[i]);
        }
        traduireTitresValidation();
        renommerLiensRetour(document.body);
      });
      observateur.observe(document.body, { childList: true, subtree: true });

      var onglets = function () {
        var it = app.shell.widgets('main');
        var w = it.next();
        while (w && !w.done && w.value !== undefined) {
          nommerOnglet(w.value);
          w = it.next();
        }
      };
      app.shell.layoutModified.connect(onglets);
      app.restored.then(onglets);
    }
  };

  var modules = {
    './extension': function () { return { __esModule: true, default: [plugin] }; },
    './style': feuilleDeStyle
  };
  var conteneurs = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  conteneurs[NOM] = {
    init: function () { return Promise.resolve(); },
    get: function (module) {
      if (!modules[module]) {
        return Promise.reject(new Error(NOM + ' : pas de module ' + module));
      }
      return Promise.resolve(modules[module]);
    }
  };
})();
