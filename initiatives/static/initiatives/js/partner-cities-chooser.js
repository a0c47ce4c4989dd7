// The partner-city chooser (initiatives/widgets.py): adds the cities chosen in Wagtail's page
// chooser to the list and removes them, keeping keyboard focus and screen readers informed.
(() => {
  'use strict';

  function chooserModal(url, locale) {
    // Wagtail's page chooser, told the case study's language: its browse view opens there and its
    // search keeps to it (initiatives/wagtail_hooks.py). Defined on first use, when Wagtail's own
    // scripts have all run.
    class PartnerCityChooserModal extends window.PageChooserModal {
      getURLParams(opts) {
        const params = super.getURLParams(opts);
        if (locale) {
          params.locale = locale;
        }
        return params;
      }
    }
    return new PartnerCityChooserModal(url);
  }

  function announce(widget, message) {
    const status = widget.querySelector('[data-partner-cities-status]');
    status.textContent = '';
    // A fresh text node after a pause, so a screen reader reads the same message twice.
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function changed(widget, input) {
    widget.querySelector('[data-partner-cities-empty]').hidden =
      widget.querySelectorAll('[data-partner-city]').length > 0;
    // Wagtail's unsaved-changes warning listens for change events.
    (input || widget).dispatchEvent(new Event('change', { bubbles: true }));
  }

  function addCities(widget, chosen) {
    const list = widget.querySelector('[data-partner-cities-list]');
    const template = widget.querySelector('template[data-partner-city-template]');
    const regionsData = document.getElementById(widget.dataset.regionsId);
    const regions = regionsData ? JSON.parse(regionsData.textContent) : {};
    const added = [];
    (Array.isArray(chosen) ? chosen : [chosen]).forEach((page) => {
      const id = String(page.id);
      if (list.querySelector(`[data-page-id="${CSS.escape(id)}"]`)) {
        return; // already a partner
      }
      const item = template.content.firstElementChild.cloneNode(true);
      const title = page.adminTitle || page.title || id;
      item.dataset.pageId = id;
      item.querySelector('input').value = id;
      item.querySelector('[data-partner-city-name]').textContent = title;
      item.querySelector('[data-partner-city-region]').textContent =
        regions[String(page.parentId)] || '';
      item
        .querySelector('[data-partner-city-remove]')
        .setAttribute('aria-label', widget.dataset.removeLabel.replace('__CITY__', title));
      list.appendChild(item);
      added.push(title);
      changed(widget, item.querySelector('input'));
    });
    widget.querySelector('[data-partner-cities-add]').focus();
    if (added.length) {
      announce(widget, `${widget.dataset.addedMessage} ${added.join(', ')}`);
    }
  }

  function removeCity(widget, item) {
    const title = item.querySelector('[data-partner-city-name]').textContent;
    const next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    changed(widget);
    const focusTarget = next
      ? next.querySelector('[data-partner-city-remove]')
      : widget.querySelector('[data-partner-cities-add]');
    focusTarget.focus();
    announce(widget, `${widget.dataset.removedMessage} ${title}`);
  }

  document.addEventListener('click', (event) => {
    const add = event.target.closest('[data-partner-cities-add]');
    const remove = event.target.closest('[data-partner-city-remove]');
    const widget = event.target.closest('[data-partner-cities]');
    if (!widget || !(add || remove)) {
      return;
    }
    event.preventDefault();
    if (remove) {
      removeCity(widget, remove.closest('[data-partner-city]'));
      return;
    }
    chooserModal(widget.dataset.chooserUrl, widget.dataset.locale).open(
      { modelNames: [widget.dataset.cityType], multiple: true },
      (chosen) => addCities(widget, chosen),
    );
  });
})();
