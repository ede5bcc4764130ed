import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { Availability } from '../shared/ipc/settings.js';
import type { TrayIcon, TrayItem, TrayState } from './tray-state.js';

export interface TrayActions {
  openIncident(incidentId: string): void;
  /** Acknowledges the incident a page of mine is about (incident.acknowledge through the engine). */
  acknowledge(incidentId: string): void;
  openWindow(): void;
  setAvailability(availability: Availability): void;
  quit(): void;
}

/** The tray icon and its menu, drawn from a TrayState (tray-state.ts decides everything shown). */
export class AppTray {
  private readonly tray: Tray;
  private shown = '';

  constructor(
    /** Folder of none.png, sev3.png, sev2.png, sev1.png, alert.png (with @2x variants, picked by Electron on HiDPI). */
    private readonly iconDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(this.image('none'));
    // Windows and Linux: a click opens the window; macOS opens the menu itself.
    if (process.platform !== 'darwin') this.tray.on('click', () => actions.openWindow());
  }

  update(state: TrayState): void {
    const key = JSON.stringify(state);
    if (key === this.shown || this.tray.isDestroyed()) return;
    this.shown = key;
    this.tray.setImage(this.image(state.icon));
    this.tray.setToolTip(state.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(state.items.map((item) => this.menuItem(item))));
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private image(icon: TrayIcon): Electron.NativeImage {
    return nativeImage.createFromPath(join(this.iconDir, `${icon}.png`));
  }

  private menuItem(item: TrayItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'label':
        return { label: item.label, enabled: false };
      case 'incident':
        return { label: item.label, click: () => this.actions.openIncident(item.incidentId) };
      case 'acknowledge':
        return { label: item.label, click: () => this.actions.acknowledge(item.incidentId) };
      case 'more':
        return { label: item.label, click: () => this.actions.openWindow() };
      case 'separator':
        return { type: 'separator' };
      case 'availability':
        return {
          label: item.label,
          type: 'radio',
          checked: item.checked,
          click: () => this.actions.setAvailability(item.value),
        };
      case 'open':
        return { label: item.label, click: () => this.actions.openWindow() };
      case 'quit':
        return { label: item.label, click: () => this.actions.quit() };
    }
  }
}
