import { ElMessageBox } from 'element-plus';
import { h, type VNode } from 'vue';
import { useI18n } from 'vue-i18n';

/** How many items a confirmation lists before it says "and N more". */
export const LISTED_ITEMS = 10;

/** What an action will do, told before it is done. */
export interface Consequences {
  /** The action, as the dialog's title ("开启初赛评审"). */
  title: string;
  /** What will happen, to how many, in a sentence. */
  message: string;
  /** What it applies to, listed when the list is short (the first ten, then "and N more"). */
  items?: readonly string[];
  /** A warning above everything, e.g. that the action is out of its stage. */
  warning?: string | null;
  /** The confirm button's words; "确定" by default. */
  confirmText?: string;
  /** The action cannot be undone or takes something away: the confirm button is red. */
  danger?: boolean;
}

export interface ReasonPrompt extends Consequences {
  /** The label of the reason box. */
  reasonLabel: string;
}

/**
 * Confirmation dialogs that say what an action will do before it is done (Element Plus message
 * boxes with the consequences, the items concerned and any stage warning).
 */
export function useConfirm() {
  const { t } = useI18n();

  function body(consequences: Consequences, extra: VNode[] = []): VNode {
    const items = consequences.items ?? [];
    const shown = items.slice(0, LISTED_ITEMS);
    return h('div', { class: 'consequences', 'data-test': 'consequences' }, [
      consequences.warning
        ? h('p', { class: 'consequences-warning', role: 'alert', 'data-test': 'confirm-warning' }, consequences.warning)
        : null,
      h('p', { class: 'consequences-message' }, consequences.message),
      shown.length > 0
        ? h('ul', { class: 'consequences-items' }, [
            ...shown.map((item) => h('li', item)),
            ...(items.length > shown.length
              ? [h('li', { class: 'consequences-more' }, t('confirm.more', { n: items.length - shown.length }))]
              : []),
          ])
        : null,
      ...extra,
    ]);
  }

  const options = (consequences: Consequences) => ({
    title: consequences.title,
    type: consequences.warning || consequences.danger ? ('warning' as const) : ('info' as const),
    confirmButtonText: consequences.confirmText ?? t('common.confirm'),
    cancelButtonText: t('common.cancel'),
    confirmButtonType: consequences.danger ? ('danger' as const) : ('primary' as const),
    customClass: 'confirm-box',
    autofocus: false,
  });

  /** Answers whether the person confirmed. */
  async function confirm(consequences: Consequences): Promise<boolean> {
    try {
      await ElMessageBox.confirm(body(consequences), options(consequences));
      return true;
    } catch {
      return false;
    }
  }

  /** Asks before deleting something: the confirm button says 删除 and is red. */
  const confirmDelete = (consequences: Omit<Consequences, 'danger' | 'confirmText'>): Promise<boolean> =>
    confirm({ ...consequences, danger: true, confirmText: t('common.delete') });

  /** Asks for a reason (required) along with the confirmation; null when cancelled. */
  async function confirmWithReason(prompt: ReasonPrompt): Promise<string | null> {
    try {
      const answer = await ElMessageBox.prompt(
        body(prompt, [h('p', { class: 'consequences-reason' }, prompt.reasonLabel)]),
        {
          ...options(prompt),
          inputType: 'textarea',
          inputPlaceholder: prompt.reasonLabel,
          inputValidator: (value: string) => (value?.trim() ? true : t('common.required')),
        },
      );
      return answer.value.trim();
    } catch {
      return null;
    }
  }

  return { confirm, confirmDelete, confirmWithReason };
}
