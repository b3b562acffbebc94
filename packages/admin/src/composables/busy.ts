import { ref, type Ref } from 'vue';
import { showError } from './notify';

export interface RunOptions {
  /** Called with the error before it is shown (e.g. to put the field messages under the inputs). */
  onError?: (error: unknown) => void;
}

/**
 * Actions behind buttons, one per key: `busy` holds the key of the action under way (for the
 * button's spinner and to disable it against a second click); a failure is shown with the API's
 * message and whatever the person typed stays where it is. `run` answers whether the action succeeded.
 */
export function useBusy<Key extends string = string>() {
  const busy: Ref<Key | null> = ref(null);

  async function run(key: Key, action: () => Promise<unknown>, options: RunOptions = {}): Promise<boolean> {
    busy.value = key;
    try {
      await action();
      return true;
    } catch (error) {
      options.onError?.(error);
      showError(error);
      return false;
    } finally {
      if (busy.value === key) busy.value = null;
    }
  }

  return { busy, run };
}
